package dev.ripple.propagator;

import dev.ripple.consistency.Position;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.internal.DeadLetterHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The propagator topology on a {@link TopologyTestDriver}, with typed access to its input and outputs. */
final class TopologyFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:01Z");
    static final TopicNames TOPICS = TopicNames.defaults();

    final ActiveRuleSet rules;
    final PropagatorMetrics metrics = new PropagatorMetrics();
    final TopologyTestDriver driver;
    private final java.nio.file.Path stateDir = stateDir();
    private final TestInputTopic<String, byte[]> edits;
    private final TestInputTopic<String, String> deps;
    /** The driver's wall clock: {@link #NOW} plus what {@link #advance} let pass. */
    private Instant wallClock = NOW;

    TopologyFixture(RuleSet initial) {
        this(initial, options -> options);
    }

    /** @param tune changes to the test defaults (fixed clock, 50 ms watermarks, 100 buffered purges) */
    TopologyFixture(RuleSet initial, UnaryOperator<TopologyOptions> tune) {
        this.rules = ActiveRuleSet.of(initial);
        TopologyOptions options = tune.apply(TopologyOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withWatermarkInterval(Duration.ofMillis(50)).withMetrics(metrics).withMaxBufferedPurges(100));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "propagator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(PropagatorTopology.build(rules, options), props, NOW);
        edits = driver.createInputTopic(TOPICS.stream("edits"), new StringSerializer(), new ByteArraySerializer());
        deps = driver.createInputTopic(TOPICS.deps(), new StringSerializer(), new StringSerializer());
    }

    void publish(EditEvent event) {
        publish(event.key(), json(event), null);
    }

    void publish(EditEvent event, Position deps) {
        publish(event.key(), json(event), deps);
    }

    void publish(String key, byte[] value, Position deps) {
        RecordHeaders headers = new RecordHeaders();
        if (deps != null) {
            dev.ripple.events.RecordHeaders.putDeps(headers, deps);
        }
        edits.pipeInput(new TestRecord<>(key, value, headers, NOW));
    }

    void publish(TestRecord<String, byte[]> record) {
        edits.pipeInput(record);
    }

    void publishRaw(String key, String value) {
        publish(key, value.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Lets wall-clock time pass, so punctuators run. */
    void advance(Duration duration) {
        wallClock = wallClock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    /**
     * Routes a record of {@code ripple.deps} (an edge removal that changes nothing) written {@code age} ago, as a
     * propagator whose own lanes run that far behind routes them.
     */
    void laggingLane(Duration age) {
        deps.pipeInput(new TestRecord<>("template:Nothing", "{\"edge\": {\"dependency\": \"template:Nothing\", "
                + "\"dependent\": \"page:none\", \"stream\": \"edits\", \"removed\": true}}", null,
                wallClock.minus(age)));
    }

    List<TestRecord<String, RegionRecord>> replicate(String region) {
        return driver.createOutputTopic(TOPICS.replicate(region), new StringDeserializer(),
                EventSerdes.regionRecord()).readRecordsToList();
    }

    List<TestRecord<String, PurgeRecord>> purge(String region) {
        return driver.createOutputTopic(TOPICS.purge(region), new StringDeserializer(), EventSerdes.purgeRecord())
                .readRecordsToList();
    }

    /** What reached {@code ripple.latest.edits}, as bytes with headers. */
    List<TestRecord<String, byte[]>> latest() {
        return driver.createOutputTopic(TOPICS.latest("edits"), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    List<TestRecord<String, ConitLogEntry>> conitLog() {
        return driver.createOutputTopic(TOPICS.conitLog(), new StringDeserializer(), EventSerdes.conitLogEntry())
                .readRecordsToList();
    }

    List<TestRecord<String, DeadLetterRecord>> deadLetters() {
        return deadLettersOn(TOPICS.dlq("propagator"));
    }

    List<TestRecord<String, DeadLetterRecord>> conflicts() {
        return deadLettersOn(TOPICS.dlq(TopicNames.CONFLICTS));
    }

    private List<TestRecord<String, DeadLetterRecord>> deadLettersOn(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().stream().map(r -> new TestRecord<>(r.key(), DeadLetterRecord.read(r.key(),
                        r.value(), r.headers()), r.headers(), r.timestamp())).toList();
    }

    private static java.nio.file.Path stateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("propagator-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] json(EditEvent event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
