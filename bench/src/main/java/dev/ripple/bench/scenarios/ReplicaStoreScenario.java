package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.RedisStoreConfig;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.runtime.lifecycle.State;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code replica-store}: applies/s into Redis through the replica store (one Lua call per batch of 200, one batch in
 * flight per partition, as the applier runs it) and through the whole applier from a preloaded region topic,
 * against pipelined {@code HSET}s of the same fields by a plain Lettuce loop.
 */
final class ReplicaStoreScenario implements Scenario {
    static final String RAW = "pipelined HSET of the same fields, plain Lettuce, 1,000 in flight";
    static final String STORE = "ReplicaStore.apply, batches of 200, 1 in flight per partition";
    static final String APPLIER = "replica applier, preloaded region topic";
    private static final String REGION = "bench";
    private static final int BATCH = 200;
    private static final int WINDOW = 1_000;

    @Override
    public String name() {
        return "replica-store";
    }

    @Override
    public String summary() {
        return "replica store and applier vs pipelined HSET by plain Lettuce, applies/s into Redis";
    }

    @Override
    public String description() {
        return "Applies/s of ~110-byte upserts over 5,000 keys into Redis: the replica store (Lua per batch of 200: "
                + "version gate, object, position; one batch in flight per partition) and the replica applier from a "
                + "preloaded region topic (first applied to last), vs pipelined HSET of the same fields by a plain "
                + "Lettuce loop (1,000 in flight); every record must come back applied.";
    }

    @Override
    public Session open(BenchContext context) {
        RedisClient client = RedisClient.create(context.redisUri());
        StatefulRedisConnection<String, String> connection = client.connect();
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(RAW, STORE, APPLIER);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                String prefix = "rs" + variants().indexOf(variant) + "r" + round;
                return switch (variant) {
                    case RAW -> pipelined(connection, prefix, context.events(), progress);
                    case STORE -> store(context, prefix, progress);
                    default -> applier(context, prefix, progress);
                };
            }

            @Override
            public void close() {
                connection.close();
                client.shutdown();
            }
        };
    }

    /** HSETs of the fields the store writes, {@value #WINDOW} in one flush, each window awaited; delivered = acknowledged. */
    private static Measurement pipelined(StatefulRedisConnection<String, String> connection, String prefix,
            int events, Progress progress) {
        ReplicaFeed feed = new ReplicaFeed(prefix);
        List<ReplicationRecord> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            records.add(feed.next(i));
        }
        long acknowledged = 0;
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        connection.setAutoFlushCommands(false);
        try {
            for (int from = 0; from < events; from += WINDOW) {
                List<CompletableFuture<Long>> window = new ArrayList<>(WINDOW);
                for (ReplicationRecord record : records.subList(from, Math.min(events, from + WINDOW))) {
                    window.add(connection.async().hset(prefix + ":{" + record.source().partition() + "}:obj:"
                            + record.event().key(), fields(record)).toCompletableFuture());
                }
                connection.flushCommands();
                window.forEach(CompletableFuture::join);
                acknowledged += window.size();
                progress.advance(window.size());
            }
        } finally {
            connection.setAutoFlushCommands(true);
        }
        return new Measurement(events, Duration.ofNanos(System.nanoTime() - start), cpu.stop(), null,
                new Correctness(events, acknowledged, 0, 0));
    }

    private static Map<String, String> fields(ReplicationRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("op", "upsert");
        fields.put("dot", record.source().topic() + ":" + record.source().partition() + "@" + record.source().offset());
        fields.put("rev", Long.toString(record.event().revision()));
        fields.put("ctype", "text/plain");
        fields.put("body", record.event().body());
        fields.put("dt", Long.toString(record.source().dt().toEpochMilli()));
        fields.put("applied_at", Long.toString(System.currentTimeMillis()));
        return fields;
    }

    /** The store alone: each partition's records in batches of {@value #BATCH}, one batch in flight per partition. */
    private static Measurement store(BenchContext context, String prefix, Progress progress) {
        int events = context.events();
        List<List<RegionRecord>> byPartition = new ReplicaFeed(prefix).byPartition(events);
        AtomicLong applied = new AtomicLong();
        try (ReplicaStore store = ReplicaStore.redis(REGION, RedisStoreConfig.defaults(context.redisUri())
                .withKeyPrefix(prefix))) {
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (List<RegionRecord> partition : byPartition) {
                lanes.add(lane(store, partition, 0, applied, progress));
            }
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
            return new Measurement(events, Duration.ofNanos(System.nanoTime() - start), cpu.stop(), null,
                    new Correctness(events, applied.get(), 0, 0));
        }
    }

    private static CompletableFuture<Void> lane(ReplicaStore store, List<RegionRecord> records, int from,
            AtomicLong applied, Progress progress) {
        if (from >= records.size()) {
            return CompletableFuture.completedFuture(null);
        }
        int to = Math.min(records.size(), from + BATCH);
        return store.apply(records.subList(from, to)).toCompletableFuture().thenCompose(entries -> {
            applied.addAndGet(entries.stream().filter(AppliedEntry::effective).count());
            progress.advance(entries.size());
            return lane(store, records, to, applied, progress);
        });
    }

    /** The whole applier, its region topic filled beforehand; timed from the first applied batch to the last. */
    private static Measurement applier(BenchContext context, String prefix, Progress progress) throws Exception {
        int events = context.events();
        TopicNames topics = new TopicNames(prefix);
        BenchEvents.createTopics(context.bootstrapServers(), ReplicaFeed.PARTITIONS, topics.replicate(REGION));
        new ReplicaFeed(topics.replicate(REGION)).preload(context.bootstrapServers(), events);
        AtomicLong handled = new AtomicLong();
        AtomicLong applied = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (ReplicaStore store = ReplicaStore.redis(REGION, RedisStoreConfig.defaults(context.redisUri())
                        .withKeyPrefix(prefix));
                ReplicaApplier applier = ReplicaApplier.create(ReplicaConfig.defaults(REGION,
                        context.bootstrapServers()).withTopics(topics).withGroupId(prefix + ".applier")
                        .withPartitions(ReplicaFeed.PARTITIONS), store, Clock.systemUTC())) {
            applier.addListener((entries, position) -> {
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                last.set(now);
                applied.addAndGet(entries.stream().filter(AppliedEntry::effective).count());
                progress.advance(entries.size());
                if (handled.addAndGet(entries.size()) >= events) {
                    done.complete(null);
                }
            });
            CpuMeter cpu = CpuMeter.start();
            applier.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            // a round that fails or stalls is reported with what was applied by then
            while (applier.state() != State.FAILED && System.nanoTime() < deadline) {
                try {
                    done.get(50, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillApplying) {
                    // look at the applier's state again
                }
            }
            return new Measurement(events, Duration.ofNanos(Math.max(1, last.get() - first.get())), cpu.stop(), null,
                    new Correctness(events, applied.get(), 0, 0));
        }
    }
}
