package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.failure.GaveUpException;
import dev.ripple.runtime.failure.TargetException;
import dev.ripple.runtime.http.Guard;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Redis cache: each batch of purges is one {@code EVALSHA purge.lua} (tombstones, {@code UNLINK} of keys, then
 * of tagged keys), one round trip guarded as one call; batches in flight at once are pipelined on one connection.
 * A purge that fails in the script (a tag that is not a set) is refused alone; a connection failure fails the
 * batch, which is retried (purges are idempotent).
 */
final class RedisTarget implements PurgeTarget {
    private final String name;
    private final long tombstoneMs;
    private final Guard guard;
    private final Clock clock;
    private final RedisClient client;
    private final RedisURI uri;
    private final Counter removedKeys;
    private CompletableFuture<StatefulRedisConnection<String, String>> connection;

    RedisTarget(String name, URI redis, long tombstoneMs, Duration timeout, Guard guard, ClientResources resources,
            Clock clock, PurgerMetrics metrics) {
        this.name = name;
        this.tombstoneMs = tombstoneMs;
        this.guard = guard;
        this.clock = clock;
        this.removedKeys = metrics.keysRemoved(name);
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
    public CompletableFuture<List<Result>> purge(List<PurgeRequest> batch) {
        return guard.call(batch.size(), () -> send(batch)).handle((all, error) -> {
            List<Result> results = new ArrayList<>(batch.size());
            if (error == null && all.size() != batch.size() + 1) {
                error = new GaveUpException(name, 1, TargetException.refused(name, "purge.lua answered "
                        + all.size() + " results for " + batch.size() + " purges"));
            }
            if (error != null) {
                Result failed = Result.of(null, error);
                for (int i = 0; i < batch.size(); i++) {
                    results.add(failed);
                }
                return results;
            }
            // one acknowledgement for the whole batch: the script carried it out at one time
            TargetAck ack = new TargetAck(name, List.of(), clock.instant());
            long removed = (Long) all.get(0);
            for (Object result : all.subList(1, all.size())) {
                if (result instanceof Long tagged) {
                    removed += tagged;
                    results.add(new Result(ack, null));
                } else {
                    results.add(new Result(null, new GaveUpException(name, 1, TargetException.refused(name,
                            String.valueOf(result)))));
                }
            }
            removedKeys.increment(removed);
            return results;
        });
    }

    /** One attempt: the whole batch in one script call; per purge, the keys it removed or its error. */
    private CompletableFuture<List<Object>> send(List<PurgeRequest> batch) {
        return connection().thenCompose(conn -> PurgeScripts.PURGE.<List<Object>>run(conn.async(),
                ScriptOutputType.MULTI, PurgeScripts.purgeKeys(batch), PurgeScripts.purgeArgs(batch, tombstoneMs)));
    }

    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        if (connection == null || connection.isCompletedExceptionally()) {
            connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        }
        return connection;
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
