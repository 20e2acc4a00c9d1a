package dev.ripple.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.ReadBack;
import dev.ripple.bench.Scenario;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.runtime.lifecycle.State;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * {@code propagate}: events/s through the propagator (the demo config: 3 regions, rule {@code page-edits}, which
 * replicates every enwiki edit to every region and plans two URL purges, a key and a tag) against two Streams
 * topologies that parse nothing: a pass-through (source → one sink topic) and a fan-out pass-through
 * ({@link FanOutTopology}) that writes, per event, as many records of the same sizes to the same kinds of topics as
 * the propagator and puts the event into a keyed store with a changelog. The fan-out is shaped after a census of
 * what the propagator wrote in its warm-up round ({@link OutputCensus}), so it follows the propagator's config.
 * All three run with the propagator's Streams settings, exactly-once v2, one stream thread, 6 partitions. Each round
 * pre-loads its own source topic and is timed from the application's first commit until it has committed every
 * event (start-up left out: it happens once per process).
 */
final class PropagateScenario implements Scenario {
    static final String PASS = "pass-through Streams topology";
    static final String FAN_OUT = "fan-out pass-through (propagator's writes)";
    static final String PROPAGATOR = "propagator (3 regions, 1 rule)";
    private static final String STREAM = "edits";
    private static final String REGION = "eqiad";

    @Override
    public String name() {
        return "propagate";
    }

    @Override
    public String summary() {
        return "pass-through and fan-out pass-through Streams topologies vs the propagator, events/s";
    }

    @Override
    public String description() {
        return "Events/s through the propagator topology (demo config: 3 regions, one rule replicating and purging) "
                + "vs a pass-through Streams topology (1 record per event) and a fan-out pass-through (per event the "
                + "records the propagator wrote in its warm-up round, same count and sizes, same kinds of topics, "
                + "plus a keyed store put with a changelog; bytes copied, nothing parsed), exactly-once v2, the "
                + "propagator's Streams settings, 1 thread, 6 partitions; ~200-byte events over 5,000 keys; the "
                + "sink (pass-through) or one region's replication topic read back.";
    }

    @Override
    public Session open(BenchContext context) {
        String bootstrap = context.bootstrapServers();
        String loadBefore = E2eScenario.loadAverage();
        return new Session() {
            private final Map<String, List<Double>> rates = new TreeMap<>();
            private OutputCensus.Census propagatorCensus;
            private OutputCensus.Census fanOutCensus;

            @Override
            public List<String> variants() {
                // the propagator before the fan-out: its warm-up round's census shapes the fan-out
                return List.of(PASS, PROPAGATOR, FAN_OUT);
            }

            @Override
            public String baselineOf(String variant) {
                return variant.equals(PROPAGATOR) ? FAN_OUT : PASS;
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                TopicNames topics = new TopicNames("bp" + variants().indexOf(variant) + "r" + round);
                String source = topics.stream(STREAM);
                BenchEvents.createTopics(bootstrap, PropagatorConfig.DEFAULT_PARTITIONS, source);
                preload(bootstrap, source, context.events());
                String applicationId = topics.prefix() + "-app";
                StreamsRounds.Window window;
                String out;
                if (variant.equals(PASS)) {
                    out = topics.prefix() + ".passthrough";
                    BenchEvents.createTopics(bootstrap, PropagatorConfig.DEFAULT_PARTITIONS, out);
                    window = streams(bootstrap, passThrough(source, out), applicationId, context.events(),
                            progress);
                } else if (variant.equals(FAN_OUT)) {
                    out = topics.replicate(REGION);
                    window = streams(bootstrap, fanOut(bootstrap, topics, source), applicationId, context.events(),
                            progress);
                } else {
                    out = topics.replicate(REGION);
                    window = propagator(bootstrap, topics, applicationId, context.events(), progress);
                }
                Correctness correctness = ReadBack.check(bootstrap, out, context.events(),
                        variant.equals(PROPAGATOR) ? PropagateScenario::replicatedRevision : BenchEvents::revision);
                if (round == 0 && !variant.equals(PASS)) {
                    OutputCensus.Census census = OutputCensus.take(bootstrap, topics.prefix(), source,
                            applicationId, context.events());
                    if (variant.equals(PROPAGATOR)) {
                        propagatorCensus = census;
                    } else {
                        fanOutCensus = census;
                    }
                }
                Measurement measurement = new Measurement(window.events(), window.elapsed(), window.cpu(), null,
                        correctness);
                if (round > 0) {
                    rates.computeIfAbsent(variant, v -> new ArrayList<>()).add(measurement.rate());
                }
                return measurement;
            }

            /** The fan-out after the propagator's census, its topics created as the propagator's were. */
            private Topology fanOut(String bootstrap, TopicNames topics, String source) throws Exception {
                if (propagatorCensus == null) {
                    throw new IllegalStateException("The fan-out is shaped after the propagator's warm-up round, "
                            + "which has not run");
                }
                List<FanOutTopology.Output> outputs = new ArrayList<>();
                for (OutputCensus.TopicLoad load : propagatorCensus.topics()) {
                    if (!load.isChangelog()) {
                        String topic = topics.prefix() + "." + load.role();
                        BenchEvents.createTopics(bootstrap, load.partitions(), topic);
                        outputs.add(new FanOutTopology.Output(topic,
                                (double) load.records() / propagatorCensus.events(), load.valueBytesPerRecord()));
                    }
                }
                int storeValueBytes = propagatorCensus.topics().stream().filter(OutputCensus.TopicLoad::isChangelog)
                        .max(Comparator.comparingLong(OutputCensus.TopicLoad::records))
                        .map(OutputCensus.TopicLoad::valueBytesPerRecord).orElse(0);
                return FanOutTopology.build(source, outputs, storeValueBytes);
            }

            @Override
            public String notes() {
                return PropagateNotes.markdown(rates, propagatorCensus, fanOutCensus, loadBefore,
                        E2eScenario.loadAverage());
            }

            @Override
            public void close() {
                // every round closes what it started
            }
        };
    }

    /** Source → one sink topic, the bytes as they are. */
    private static Topology passThrough(String source, String sink) {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), source);
        topology.addSink("sink", sink, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "source");
        return topology;
    }

    /** Runs {@code topology} with the propagator's Streams settings until it has committed {@code events}. */
    private static StreamsRounds.Window streams(String bootstrap, Topology topology, String applicationId,
            int events, Progress progress) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ripple-bench-streams").toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // the generic Streams settings the propagator runs with (commit interval, ...), and any given to both
        props.putAll(PropagatorConfig.defaults(bootstrap).streamsSettings());
        props.putAll(extraSettings());
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            return StreamsRounds.consume(bootstrap, applicationId, events,
                    () -> streams.state() == KafkaStreams.State.RUNNING, progress);
        }
    }

    private static StreamsRounds.Window propagator(String bootstrap, TopicNames topics, String applicationId, int events,
            Progress progress) throws Exception {
        try (ConfigStore store = ConfigStore.inMemory()) {
            DemoConfig.seed(store);
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                 Propagator propagator = Propagator.create(PropagatorConfig.defaults(bootstrap).withTopics(topics)
                         .withApplicationId(applicationId).withStateDir(Files.createTempDirectory("ripple-bench-prop"))
                         .withKafkaOverrides(extraSettings()),
                         view, Clock.systemUTC())) {
                propagator.start();
                return StreamsRounds.consume(bootstrap, applicationId, events,
                        () -> propagator.state() == State.RUNNING, progress);
            }
        }
    }

    /**
     * Extra Streams/client settings given to both variants alike, from the system property
     * {@code ripple.bench.streams} ({@code key=value,key=value}): for measuring a setting's effect on both.
     */
    static Map<String, String> extraSettings() {
        String spec = System.getProperty("ripple.bench.streams", "");
        Map<String, String> settings = new TreeMap<>();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return settings;
    }

    /** {@code n} enwiki upserts (~200 bytes of JSON each) over 5,000 keys, revision i for event i. */
    private static void preload(String bootstrap, String topic, int n) throws Exception {
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 20, "batch.size", 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String key = "enwiki:Page_" + (i % BenchEvents.KEYS);
                EventMeta meta = new EventMeta("e" + i, now, STREAM, null, "en.example.org", null, null);
                EditEvent event = EditEvent.upsert(meta, key, i, "text/plain", "x".repeat(60));
                producer.send(new ProducerRecord<>(topic, key, EventJson.mapper().writeValueAsBytes(event)));
            }
            producer.flush();
        }
    }

    /** The revision of a replication record's event; null for a watermark. */
    static Long replicatedRevision(byte[] value) {
        try {
            JsonNode event = EventJson.mapper().readTree(value).get("event");
            return event == null || !event.has("revision") ? null : event.get("revision").asLong();
        } catch (IOException e) {
            return null;
        }
    }
}
