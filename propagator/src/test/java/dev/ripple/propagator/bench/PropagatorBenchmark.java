package dev.ripple.propagator.bench;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Events per second through the propagator topology (the demo config: 3 regions, rule {@code page-edits}, which
 * replicates every enwiki edit everywhere and purges two URLs, a key and a tag) versus a pass-through Streams
 * topology (source → one sink topic, bytes unchanged), both exactly-once v2 with one stream thread, over the same
 * events on the same embedded broker in the same run; after one warm-up round of each, rounds alternate and the
 * median ratio is reported. Arguments: {@code [events=100000] [rounds=3]}; system properties
 * {@code bench.threads} (stream threads, 1), {@code bench.body} (body bytes, 2048) and {@code bench.overrides}
 * ({@code k=v,k=v} Kafka properties given to both). See the module README for the command and the figure.
 */
public final class PropagatorBenchmark {
    private static final int PARTITIONS = 6;
    private static final int THREADS = Integer.getInteger("bench.threads", 1);
    private static final Map<String, String> OVERRIDES = overrides();

    private static Map<String, String> overrides() {
        Map<String, String> o = new java.util.HashMap<>();
        for (String p : System.getProperty("bench.overrides", "").split(",")) {
            if (p.contains("=")) {
                o.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
            }
        }
        return o;
    }

    private PropagatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicNames topics = TopicNames.defaults();
            String source = topics.stream("edits");
            createTopics(bootstrap, source, "bench.passthrough");
            publish(bootstrap, source, events);
            System.out.printf("published %,d events (1,000 enwiki keys, 2 KiB bodies) to %s, %d partitions%n",
                    events, source, PARTITIONS);
            passThrough(bootstrap, source, "bench-pass-warmup", events); // JIT, page cache, broker
            propagator(bootstrap, "bench-prop-warmup", events);
            List<Double> ratios = new java.util.ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double pass = passThrough(bootstrap, source, "bench-pass-" + round, events);
                double prop = propagator(bootstrap, "bench-prop-" + round, events);
                ratios.add(prop / pass);
                System.out.printf("round %d: pass-through %,.0f events/s, propagator %,.0f events/s, ratio %.2f%n",
                        round, pass, prop, prop / pass);
            }
            java.util.Collections.sort(ratios);
            bytesPerEvent(bootstrap, (long) events * (rounds + 1));
            System.out.printf("median ratio over %d rounds: %.2f (min %.2f, max %.2f)%n", rounds,
                    ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
        }
    }

    /** Bytes each application wrote to the log per event, over all its runs: the fan-out the ratio pays for. */
    private static void bytesPerEvent(String bootstrap, long eventsPerApp) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, Long> bytes = new java.util.TreeMap<>();
            admin.describeLogDirs(List.of(1)).allDescriptions().get().values().forEach(dirs -> dirs.values()
                    .forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                        String topic = tp.topic();
                        String app = topic.equals("bench.passthrough") ? "pass-through"
                                : topic.startsWith("ripple.replicate.") || topic.startsWith("ripple.purge.")
                                        || topic.equals("ripple.conit-log") || topic.startsWith("bench-prop-")
                                        ? "propagator" : null;
                        if (app != null) {
                            bytes.merge(app, info.size(), Long::sum);
                        }
                    })));
            bytes.forEach((app, total) -> System.out.printf("%s wrote %,d bytes per event (records, watermarks, "
                    + "changelogs)%n", app, total / eventsPerApp));
        }
    }

    private static double passThrough(String bootstrap, String source, String applicationId, int events)
            throws Exception {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), source);
        topology.addSink("sink", "bench.passthrough", Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                "source");
        Path stateDir = Files.createTempDirectory("bench-pass");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, THREADS);
        props.putAll(PropagatorConfig.defaults(bootstrap).streamsSettings()); // the propagator's generic settings
        props.putAll(OVERRIDES);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            return measure(bootstrap, applicationId, events, () -> streams.state() == KafkaStreams.State.RUNNING);
        }
    }

    private static double propagator(String bootstrap, String applicationId, int events) throws Exception {
        try (ConfigStore store = ConfigStore.inMemory()) {
            DemoConfig.seed(store);
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                 Propagator propagator = Propagator.create(PropagatorConfig.defaults(bootstrap)
                         .withApplicationId(applicationId).withStreamThreads(THREADS)
                         .withKafkaOverrides(OVERRIDES), view, Clock.systemUTC())) {
                propagator.start();
                return measure(bootstrap, applicationId, events,
                        () -> propagator.state() == Propagator.State.RUNNING);
            }
        }
    }

    /** Events per second from the moment the application runs until it has committed every event. */
    private static double measure(String bootstrap, String applicationId, int events, BooleanSupplier running)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            waitFor(running, Duration.ofSeconds(60));
            long start = System.nanoTime();
            waitFor(() -> committed(admin, applicationId) >= events, Duration.ofMinutes(10));
            return events / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long committed(Admin admin, String group) {
        try {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void createTopics(String bootstrap, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, PARTITIONS, (short) 1))
                    .toList()).all().get();
            waitFor(() -> {
                try {
                    return admin.describeTopics(List.of(names)).allTopicNames().get().values().stream()
                            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(30));
        }
    }

    private static void publish(String bootstrap, String topic, int events) throws Exception {
        String body = "x".repeat(Integer.getInteger("bench.body", 2048));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 20, "batch.size", 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                String key = "enwiki:Page_" + (i % 1000);
                EventMeta meta = new EventMeta("e" + i, Instant.now(), "edits", null, "en.example.org", null, null);
                EditEvent event = EditEvent.upsert(meta, key, i / 1000 + 1, "text/html", body);
                producer.send(new ProducerRecord<>(topic, key, EventJson.mapper().writeValueAsBytes(event)));
            }
            producer.flush();
        }
    }
}
