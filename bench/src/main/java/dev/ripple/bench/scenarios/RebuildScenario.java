package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.cli.wiring.LatestStateRebuild;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.RecordHeaders;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.RebuildConfig;
import dev.ripple.replica.RedisStoreConfig;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaMetricNames;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.latest.LatestStateScan;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code rebuild}: keys/s a region's applier refills an empty store with from the latest-state topic (DESIGN.md 7.1:
 * scan, route with the rules, version-gated Lua applies into Redis), against a raw read of the same topic by the
 * same scan, in the same run.
 */
final class RebuildScenario implements Scenario {
    static final String RAW = "LatestStateScan of every partition, read only";
    static final String REBUILD = "replica applier filling an empty region (scan, route, apply into Redis)";
    private static final String REGION = "bench";
    private static final String STREAM = "edits";
    private static final String CONFIG = """
            regions: [{name: bench}]
            streams: [{name: edits}]
            rules:
              - {name: everything, streams: [edits], match: {key: "^.+$"}, replicate: {regions: ["*"]}}
            """;

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public String summary() {
        return "rebuild of an empty region from the latest-state topic vs a raw scan of it, keys/s";
    }

    @Override
    public String description() {
        return "Keys/s a replica applier fills an empty region with from a latest-state topic of ~110-byte upserts "
                + "(6 partitions rebuilt one after another: scan, route with the rules, version-gated Lua applies "
                + "into Redis at an unbounded --rebuild-rate; timed from start() to every partition serving, so it "
                + "includes the group join) vs LatestStateScan reading the same topic to its end; every key must come "
                + "back applied.";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        TopicNames topics = new TopicNames("rb" + UUID.randomUUID().toString().substring(0, 6));
        int events = context.events();
        BenchEvents.createTopics(context.bootstrapServers(), ReplicaFeed.PARTITIONS, topics.latest(STREAM),
                topics.replicate(REGION));
        preload(context.bootstrapServers(), topics, events);
        ConfigStore store = ConfigStore.inMemory();
        ConfigImport.importText(store, CONFIG, false);
        ConfigView view = ConfigView.open(store, Clock.systemUTC());
        KafkaSettings kafka = KafkaSettings.of(context.bootstrapServers());
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(RAW, REBUILD);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                return variant.equals(RAW) ? scan(kafka, topics, events, progress)
                        : rebuild(context, kafka, topics, view, round, events, progress);
            }

            @Override
            public void close() {
                view.close();
                store.close();
            }
        };
    }

    /** One upsert per key, as the propagator keeps them: the event's bytes and its source offset in a header. */
    private static void preload(String bootstrap, TopicNames topics, int events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 5), new StringSerializer(), new ByteArraySerializer())) {
            String body = "x".repeat(64);
            for (int i = 0; i < events; i++) {
                String key = "enwiki:Rebuild_" + i;
                EditEvent event = EditEvent.upsert(new EventMeta(UUID.randomUUID().toString(), Instant.now(), STREAM,
                        null, "en.example.org", null, null), key, 1, "text/plain", body);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.latest(STREAM), key,
                        EventJson.mapper().writeValueAsBytes(event));
                RecordHeaders.putSourceOffset(record.headers(), i);
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static Measurement scan(KafkaSettings kafka, TopicNames topics, int events, Progress progress) {
        long read = 0;
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        try (LatestStateScan scan = LatestStateScan.openAll(kafka, topics, List.of(STREAM))) {
            while (!scan.done()) {
                int n = scan.poll(Duration.ofMillis(200)).size();
                read += n;
                progress.advance(n);
            }
        }
        return new Measurement(events, Duration.ofNanos(System.nanoTime() - start), cpu.stop(), null,
                new Correctness(events, read, 0, 0));
    }

    /** An applier of a fresh store (its own key prefix and group) started, until every partition serves. */
    private static Measurement rebuild(BenchContext context, KafkaSettings kafka, TopicNames topics, ConfigView view,
            int round, int events, Progress progress) throws Exception {
        String prefix = topics.prefix() + "r" + round;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ReplicaStore store = ReplicaStore.redis(REGION, RedisStoreConfig.defaults(context.redisUri())
                        .withKeyPrefix(prefix));
                ReplicaApplier applier = ReplicaApplier.create(ReplicaConfig.defaults(REGION,
                        context.bootstrapServers()).withTopics(topics).withGroupId(prefix + ".applier")
                        .withPartitions(ReplicaFeed.PARTITIONS).withRebuild(RebuildConfig.defaults()
                                .withRecordsPerSecond(1_000_000)
                                .withSource(new LatestStateRebuild(kafka, topics, view, Clock.systemUTC()))),
                        store, Clock.systemUTC())) {
            applier.metrics().bindTo(meters);
            CompletableFuture<Void> done = new CompletableFuture<>();
            // told when each partition serves again: the last one's says nothing is left to rebuild
            applier.addListener((entries, position) -> {
                if (position.rebuilding().isEmpty() && rebuilt(meters) >= events) {
                    done.complete(null);
                }
            });
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            applier.start();
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            long reported = 0;
            // a round that fails or stalls is reported with what was rebuilt by then
            while (applier.state() != State.FAILED && System.nanoTime() < deadline) {
                long rebuilt = rebuilt(meters);
                progress.advance(rebuilt - reported);
                reported = rebuilt;
                try {
                    done.get(20, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRebuilding) {
                    // report progress and look at the applier's state again
                }
            }
            return new Measurement(events, Duration.ofNanos(System.nanoTime() - start), cpu.stop(), null,
                    new Correctness(events, rebuilt(meters), 0, 0));
        }
    }

    private static long rebuilt(SimpleMeterRegistry meters) {
        FunctionCounter counter = meters.find(ReplicaMetricNames.REBUILD_RECORDS).functionCounter();
        return counter == null ? 0 : (long) counter.count();
    }
}
