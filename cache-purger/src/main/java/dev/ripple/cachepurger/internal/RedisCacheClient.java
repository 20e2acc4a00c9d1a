package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.CacheKeys;
import dev.ripple.cachepurger.CachedValue;
import dev.ripple.cachepurger.FillResult;
import dev.ripple.cachepurger.PurgerException;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.redis.LuaScript;
import dev.ripple.runtime.redis.RedisResources;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** {@link CacheClient} on one Lettuce connection. */
public final class RedisCacheClient implements CacheClient {
    /** The hash fields of a cached entry ({@link CacheKeys}). */
    private static final String[] ENTRY_FIELDS = {"rev", "value"};
    private final RedisResources.Lease resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String where;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisCacheClient(RedisResources.Lease resources, RedisClient client,
            StatefulRedisConnection<String, String> connection, String where) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redis = connection.sync();
        this.where = where;
    }

    /** @see CacheClient#connect */
    public static RedisCacheClient connect(URI uri, Duration timeout) {
        RedisResources.Lease resources = RedisResources.acquire();
        RedisClient client = RedisClient.create(resources.resources(), RedisURI.create(uri));
        client.setOptions(RedisTarget.options(timeout));
        try {
            return new RedisCacheClient(resources, client, client.connect(), uri.getHost() + ":" + uri.getPort());
        } catch (RedisException e) {
            client.shutdown();
            resources.close();
            throw new PurgerException("Could not connect to the cache's Redis at " + uri.getHost() + ":"
                    + uri.getPort() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CachedValue> get(String key) {
        return entry(call(() -> redis.hmget(key, ENTRY_FIELDS)));
    }

    @Override
    public CompletionStage<Optional<CachedValue>> getAsync(String key) {
        return connection.async().hmget(key, ENTRY_FIELDS).handle((fields, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                throw new PurgerException("The cache's Redis at " + where + " failed: " + cause.getMessage(), cause);
            }
            return entry(fields);
        });
    }

    private static Optional<CachedValue> entry(List<KeyValue<String, String>> fields) {
        if (fields.size() < 2 || !fields.get(0).hasValue() || !fields.get(1).hasValue()) {
            return Optional.empty();
        }
        return Optional.of(new CachedValue(fields.get(1).getValue(), Long.parseLong(fields.get(0).getValue())));
    }

    @Override
    public FillResult fill(String key, long revision, String value, Collection<String> tags, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (revision < 0) {
            throw new IllegalArgumentException("Invalid revision " + revision + " for " + key + ": must be >= 0");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Invalid TTL " + ttl + " for " + key + ": must be positive");
        }
        List<String> keys = new ArrayList<>(2 + tags.size());
        keys.add(key);
        keys.add(CacheKeys.TOMBSTONES);
        tags.forEach(tag -> keys.add(CacheKeys.tag(tag)));
        long result = this.<Long>eval(PurgeScripts.FILL, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                Long.toString(revision), value, Long.toString(ttl.toMillis()));
        return result == 1 ? FillResult.FILLED : result == 0 ? FillResult.REFUSED_PURGED : FillResult.REFUSED_OLDER;
    }

    @Override
    public long purge(PurgeRequest request, Duration tombstoneTtl) {
        List<PurgeRequest> one = List.of(request);
        List<Object> result = this.<List<Object>>eval(PurgeScripts.PURGE, ScriptOutputType.MULTI,
                PurgeScripts.purgeKeys(one), PurgeScripts.purgeArgs(one, tombstoneTtl.toMillis()));
        if (!(result.get(1) instanceof Long tagged)) {
            throw new PurgerException("The cache's Redis at " + where + " refused the purge of " + request.key()
                    + ": " + result.get(1));
        }
        return (Long) result.get(0) + tagged;
    }

    @Override
    public Set<String> tagged(String tag) {
        return Set.copyOf(call(() -> redis.smembers(CacheKeys.tag(tag))));
    }

    @Override
    public Optional<Long> tombstone(String key) {
        String revision = eval(PurgeScripts.TOMBSTONE, ScriptOutputType.VALUE, new String[] {CacheKeys.TOMBSTONES}, key);
        return Optional.ofNullable(revision).map(Long::parseLong);
    }

    private <T> T eval(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        return call(() -> script.<T>runSync(redis, type, keys, args));
    }

    private <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new PurgerException("The cache's Redis at " + where + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
            client.shutdown();
            resources.close();
        }
    }
}
