package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.Op;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.testsupport.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaExtension.class, RedisExtension.class})
class ReplicaApplierIT {
    private static final int PARTITIONS = 3;
    private TopicNames topics;
    private ReplicaStore store;
    private ReplicaApplier applier;
    private KafkaProducer<String, RegionRecord> producer;
    private final List<AppliedEntry> log = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp(EmbeddedKafka kafka, RedisProcess redis) {
        String prefix = "a" + UUID.randomUUID().toString().substring(0, 8);
        topics = new TopicNames(prefix);
        TestTopics.create(kafka.bootstrapServers(), PARTITIONS, topics.replicate("eqiad"));
        store = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(redis.uri()).withKeyPrefix(prefix));
        applier = ReplicaApplier.create(ReplicaConfig.defaults("eqiad", kafka.bootstrapServers()).withTopics(topics)
                .withPartitions(PARTITIONS).withGroupId(prefix + ".eqiad")
                .withLimits(ReplicaLimits.defaults().withDependencyWaitAlert(Duration.ofMillis(300))),
                store, Clock.systemUTC());
        applier.metrics().bindTo(meters);
        applier.addListener((entries, position) -> log.addAll(entries));
        producer = Kafka.regionProducer(kafka.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        producer.close();
        applier.close();
        store.close();
    }

    @Test
    void shouldHoldARecordWhoseDependencyIsNotAppliedWhileOtherPartitionsGoOn(EmbeddedKafka kafka) {
        // given a running applier
        applier.start();
        String topic = topics.replicate("eqiad");

        // when a write on partition 1 that depends on edits:0@5 arrives first, then a write on partition 2
        Position deps = Position.of(Records.EPOCH, Records.TOPIC, 0, 5);
        Kafka.send(producer, topic, "b", Records.record("b", Op.UPSERT, 1, 3, null, "b", deps));
        Kafka.send(producer, topic, "c", Records.record("c", Op.UPSERT, 2, 8, null, "c", Position.empty(1)));

        // then partition 2 is applied, partition 1 waits, and the wait is counted and alerted
        await().atMost(Duration.ofSeconds(20)).until(() -> applied("c"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Meters.value(meters, ReplicaMetricNames.DEPENDENCY_WAITS_EXCEEDED, "region", "eqiad") == 1);
        assertThat(applied("b")).isFalse();

        // when the dependency arrives
        Kafka.send(producer, topic, "a", Records.upsert("a", 0, 5, null, "a"));

        // then both are applied, the dependency first, and the position covers both
        await().atMost(Duration.ofSeconds(20)).until(() -> applied("b"));
        List<Dot> order = log.stream().filter(AppliedEntry::effective).map(e -> e.record().source().dot()).toList();
        assertThat(order).containsSubsequence(Dot.of(Records.TOPIC, 0, 5), Dot.of(Records.TOPIC, 1, 3));
        assertThat(applier.position().applied().offset(TopicPartitionKey.of(Records.TOPIC, 1))).isEqualTo(3);
        assertThat(Meters.value(meters, ReplicaMetricNames.DEPENDENCY_WAITS, "region", "eqiad")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Kafka.latestPositions(kafka.bootstrapServers(), topics.positions()).get("eqiad").applied())
                        .isEqualTo(applier.position().applied()));
    }

    @Test
    void shouldWaitForItsRegionTopicWhenItStartsBeforeThePropagatorCreatesIt(EmbeddedKafka kafka) throws Exception {
        // given an applier started before its region topic exists, its group having settled on no partitions
        TopicNames early = new TopicNames("e" + UUID.randomUUID().toString().substring(0, 8));
        ReplicaConfig config = ReplicaConfig.defaults("eqiad", kafka.bootstrapServers()).withTopics(early)
                .withPartitions(PARTITIONS).withGroupId(early.prefix() + ".eqiad");
        try (ReplicaApplier waiting = ReplicaApplier.create(config, store, Clock.systemUTC())) {
            List<AppliedEntry> applied = new CopyOnWriteArrayList<>();
            waiting.addListener((entries, position) -> applied.addAll(entries));
            waiting.start();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeConsumerGroups(List.of(
                        config.groupId())).describedGroups().get(config.groupId()).get().groupState()
                        == GroupState.STABLE);
            }

            // when the propagator creates the topic, co-partitioned, and routes a write to it
            TestTopics.create(kafka.bootstrapServers(), PARTITIONS, early.replicate("eqiad"));
            Kafka.send(producer, early.replicate("eqiad"), "w", Records.upsert("w", 1, 4, null, "w"));

            // then the applier applies it: it neither stopped on the empty topic nor had the broker create one
            await().atMost(Duration.ofSeconds(60)).until(() -> applied.stream().anyMatch(AppliedEntry::effective));
            assertThat(TestTopics.partitions(kafka.bootstrapServers(), early.replicate("eqiad")))
                    .isEqualTo(PARTITIONS);
        }
    }

    private boolean applied(String key) {
        return log.stream().anyMatch(e -> e.effective() && e.record().source().dot() != null
                && e.record() instanceof dev.ripple.events.ReplicationRecord r && r.key().equals(key));
    }
}
