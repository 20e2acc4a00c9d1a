package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.events.PurgeRequest;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Redis cache: each batch of purges is one pipeline of {@code EVALSHA purge.lua} (tombstones, {@code UNLINK} of
 * keys and tagged keys), written in one flush on a connection of its own and guarded as one call. A purge whose
 * script fails (a tag that is not a set) is refused alone; a connection failure fails the batch, which is retried.
 */
final class RedisTarget implements PurgeTarget {
    private final String name;
    private final long tombstoneMs;
    private final Guard guard;
    private final Clock clock;
    private final PurgerMetrics metrics;
    private final RedisClient client;
    private final RedisURI uri;
    private final Object sendLock = new Object();
    private CompletableFuture<StatefulRedisConnection<String, String>> connection;

    RedisTarget(String name, URI redis, long tombstoneMs, Duration timeout, Guard guard, ClientResources resources,
            Clock clock, PurgerMetrics metrics) {
        this.name = name;
        this.tombstoneMs = tombstoneMs;
        this.guard = guard;
        this.clock = clock;
        this.metrics = metrics;
        this.uri = RedisURI.create(redis);
        this.client = RedisClient.create(resources);
        client.setOptions(options(timeout));
    }

    /** Reconnects by itself; while disconnected commands fail at once instead of queueing without bound. */
    static ClientOptions options(Duration timeout) {
        return ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout)).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Guard guard() {
        return guard;
    }

    @Override
    public List<CompletableFuture<TargetAck>> purge(List<PurgeRequest> batch) {
        CompletableFuture<List<Object>> results = guard.call(batch.size(), () -> send(batch, true));
        List<CompletableFuture<TargetAck>> acks = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            acks.add(results.thenApply(all -> ack(all.get(index))));
        }
        return acks;
    }

    private TargetAck ack(Object result) {
        if (result instanceof Throwable refused) {
            throw new CompletionException(new GaveUpException(name, 1, TargetException.refused(name,
                    Failures.describe(refused))));
        }
        metrics.keysRemoved(name, (Long) result);
        return new TargetAck(name, List.of(), clock.instant());
    }

    /** One attempt: the batch's scripts in one flush; each result a removed-key count or the script's error. */
    private CompletableFuture<List<Object>> send(List<PurgeRequest> batch, boolean loadIfMissing) {
        return connection().thenCompose(conn -> {
            List<RedisFuture<Long>> futures = new ArrayList<>(batch.size());
            synchronized (sendLock) {
                RedisAsyncCommands<String, String> redis = conn.async();
                for (PurgeRequest request : batch) {
                    futures.add(redis.evalsha(LuaScript.PURGE.sha(), ScriptOutputType.INTEGER,
                            LuaScript.purgeKeys(request), LuaScript.purgeArgs(request, tombstoneMs)));
                }
                conn.flushCommands();
            }
            return settle(futures).thenCompose(results -> {
                boolean missing = results.stream().anyMatch(r -> r instanceof RedisNoScriptException);
                if (missing && loadIfMissing) {
                    return load(conn).thenCompose(loaded -> send(batch, false));
                }
                for (Object result : results) {
                    if (result instanceof Throwable t && Failures.classify(t) != Failures.Kind.REFUSED) {
                        return CompletableFuture.failedFuture(t); // the connection, not the purge: retry the batch
                    }
                }
                return CompletableFuture.completedFuture(results);
            });
        });
    }

    private CompletableFuture<String> load(StatefulRedisConnection<String, String> conn) {
        RedisFuture<String> loaded;
        synchronized (sendLock) {
            loaded = conn.async().scriptLoad(LuaScript.PURGE.text());
            conn.flushCommands();
        }
        return loaded.toCompletableFuture();
    }

    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        if (connection == null || connection.isCompletedExceptionally()) {
            connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().thenApply(conn -> {
                conn.setAutoFlushCommands(false);
                return conn;
            });
        }
        return connection;
    }

    private static CompletableFuture<List<Object>> settle(List<RedisFuture<Long>> futures) {
        List<CompletableFuture<Object>> settled = new ArrayList<>(futures.size());
        for (RedisFuture<Long> future : futures) {
            settled.add(future.toCompletableFuture().handle((value, error) ->
                    error == null ? value : Failures.unwrap(error)));
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new))
                .thenApply(done -> settled.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> open;
        synchronized (this) {
            open = connection;
        }
        if (open != null && open.isDone() && !open.isCompletedExceptionally()) {
            open.join().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
