package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.config.PurgeTargetDoc;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * {@code purge-redis}: purges/s of a cache purger with one Redis target (per purge, atomically: raise the key's
 * tombstone to the purge's revision, {@code UNLINK} the key), reading purges of one key each preloaded on its purge
 * topic, against pipelined {@code UNLINK} of as many keys by a plain Lettuce loop (batches of 1,000), on the same
 * Redis. Both rounds start with their keys set; afterwards every key is checked gone.
 */
final class PurgeRedisScenario implements Scenario {
    static final String RAW = "pipelined UNLINK, plain Lettuce, batches of 1,000";
    static final String PURGER = "purger, Redis target (tombstone + UNLINK)";
    private static final int BATCH = 1_000;

    @Override
    public String name() {
        return "purge-redis";
    }

    @Override
    public String summary() {
        return "cache purger with a Redis target vs pipelined UNLINK by plain Lettuce, purges/s";
    }

    @Override
    public String description() {
        return "Purges/s of one key each: a cache purger (Redis target: tombstone + UNLINK, preloaded purge topic, "
                + "first to last acknowledged purge) vs pipelined UNLINK by a plain Lettuce loop (batches of 1,000), "
                + "same Redis; every key checked gone afterwards (lost = still there), repeated receipts counted.";
    }

    @Override
    public Session open(BenchContext context) {
        RedisClient client = RedisClient.create(context.redisUri());
        StatefulRedisConnection<String, String> connection = client.connect();
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(RAW, PURGER);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                String prefix = "pr" + variants().indexOf(variant) + "r" + round;
                int events = context.events();
                IntFunction<String> key = i -> prefix + ":k" + i;
                pipelined(connection, events, i -> connection.async().set(key.apply(i), "cached value of " + i), null);
                CpuMeter cpu = CpuMeter.start();
                Duration elapsed;
                long duplicates = 0;
                if (variant.equals(RAW)) {
                    long start = System.nanoTime();
                    pipelined(connection, events, i -> connection.async().unlink(key.apply(i)), progress);
                    elapsed = Duration.ofNanos(System.nanoTime() - start);
                } else {
                    PurgerRun.Result result = PurgerRun.run(context.bootstrapServers(), prefix,
                            new PurgeTargetDoc(prefix, "cache", PurgeTargetDoc.Type.REDIS,
                                    URI.create(context.redisUri()), List.of()),
                            events, i -> PurgerRun.request(i, List.of(key.apply(i)), List.of()), progress);
                    elapsed = result.span();
                    duplicates = result.duplicates();
                }
                CpuMeter.Split split = cpu.stop();
                long[] present = {0};
                pipelined(connection, events, i -> connection.async().exists(key.apply(i))
                        .thenAccept(n -> present[0] += n), null);
                return new Measurement(events, elapsed, split, null,
                        new Correctness(events, events - present[0], 0, duplicates));
            }

            @Override
            public void close() {
                connection.close();
                client.shutdown();
            }
        };
    }

    /**
     * Sends {@code command(i)} for every i, {@value #BATCH} at a time in one flush, each batch awaited, advancing
     * {@code progress} (may be null) by batch.
     */
    private static void pipelined(StatefulRedisConnection<String, String> connection, int count,
            IntFunction<? extends CompletionStage<?>> command, Progress progress) {
        connection.setAutoFlushCommands(false);
        try {
            for (int from = 0; from < count; from += BATCH) {
                List<CompletableFuture<?>> batch = new ArrayList<>(BATCH);
                for (int i = from; i < Math.min(count, from + BATCH); i++) {
                    batch.add(command.apply(i).toCompletableFuture());
                }
                connection.flushCommands();
                batch.forEach(CompletableFuture::join);
                if (progress != null) {
                    progress.advance(batch.size());
                }
            }
        } finally {
            connection.setAutoFlushCommands(true);
        }
    }
}
