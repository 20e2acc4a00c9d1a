package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocument;
import dev.ripple.config.RegionDoc;
import dev.ripple.config.RuleDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.Publisher;
import dev.ripple.testsupport.TestEvents;
import dev.ripple.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The exactly-once scenario: {@value #KEYS} keys × {@value #REVISIONS} revisions over three regions with one rule
 * that replicates and purges everything, published as rounds (every key once per round, revisions rising), and
 * the checks on every region topic, read committed: per key the revisions 1..N in order, once each, in the key's
 * source partition, and positions (records and watermarks) reaching each partition's end.
 */
final class ExactlyOnceFixture {
    static final int KEYS = 1_000;
    static final int REVISIONS = 100;
    static final int PARTITIONS = 6;
    static final List<String> REGIONS = List.of("eqiad", "codfw", "esams");

    final String bootstrap;
    final TopicNames topics;
    final String applicationId;

    ExactlyOnceFixture(String bootstrap, String name) {
        this.bootstrap = bootstrap;
        this.topics = new TopicNames(name);
        this.applicationId = name;
    }

    static ConfigDocument[] config() {
        RuleDoc all = new RuleDoc("all", List.of("edits"), Map.of(), Map.of(), new RuleDoc.Replicate(List.of("*")),
                new RuleDoc.Purge(List.of(), List.of("k:{key}"), List.of()), 0L);
        return new ConfigDocument[] {StreamDoc.of("edits"), RegionDoc.of("eqiad"), RegionDoc.of("codfw"),
            RegionDoc.of("esams"), all};
    }

    /** Publishes every round; returns the source topic's end offsets. */
    Map<TopicPartition, Long> publishAll() throws Exception {
        TestTopics.create(bootstrap, PARTITIONS, topics.stream("edits"));
        try (Publisher publisher = Publisher.create(ItSupport.publisher(bootstrap, topics))) {
            String token = null;
            for (int revision = 1; revision <= REVISIONS; revision++) {
                List<EditEvent> round = new ArrayList<>(KEYS);
                for (int key = 0; key < KEYS; key++) {
                    round.add(TestEvents.upsert("key-" + key, revision));
                }
                BatchResult result = publisher.publishAll(round, token).toCompletableFuture().join();
                assertThat(result.allPublished()).as("round %d published", revision).isTrue();
                token = result.sessionToken();
            }
        }
        return endOffsets(topics.stream("edits"));
    }

    /** How many source records the application has committed as processed. */
    long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    void awaitAllCommitted(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> committed() == (long) KEYS * REVISIONS);
    }

    /** Every check, on every region topic; call after {@link #awaitAllCommitted}. */
    void verify(Map<TopicPartition, Long> sourceEnds) {
        for (String region : REGIONS) {
            verifyTopic(topics.replicate(region), sourceEnds, true);
            verifyTopic(topics.purge(region), sourceEnds, false);
        }
    }

    private void verifyTopic(String topic, Map<TopicPartition, Long> sourceEnds, boolean replicate) {
        Map<String, List<Long>> revisionsByKey = new HashMap<>();
        Map<Integer, Long> coveredByPartition = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readCommitted(topic)) {
            SourcePosition source;
            if (replicate) {
                var value = EventSerdes.regionRecord().deserialize(topic, record.value());
                source = value.source();
                if (value instanceof ReplicationRecord r) {
                    revisionsByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.event().revision());
                }
            } else {
                var value = EventSerdes.purgeRecord().deserialize(topic, record.value());
                source = value.source();
                if (value instanceof PurgeRequest p) {
                    revisionsByKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.revision());
                }
            }
            assertThat(record.partition()).as("co-partitioned in %s", topic).isEqualTo(source.partition());
            if (record.key() != null) {
                assertThat(record.partition()).isEqualTo(keyPartition(record.key()));
            }
            coveredByPartition.merge(record.partition(), source.offset(), Math::max);
        }
        List<Long> expected = LongStream.rangeClosed(1, REVISIONS).boxed().toList();
        assertThat(revisionsByKey).as("keys in %s", topic).hasSize(KEYS);
        revisionsByKey.forEach((key, revisions) -> assertThat(revisions)
                .as("revisions of %s in %s: in order, none missing, none twice", key, topic).isEqualTo(expected));
        sourceEnds.forEach((partition, end) -> assertThat(coveredByPartition.get(partition.partition()))
                .as("position of %s partition %d", topic, partition.partition()).isEqualTo(end - 1));
    }

    private static int keyPartition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** Everything committed in {@code topic}: read until the position reaches the last stable offset. */
    private List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20), new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
