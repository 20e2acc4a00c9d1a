package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.testsupport.TestTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DESIGN.md 4: the applier's group was renamed from {@code <p>.replica.<region>} to {@code <p>-replica-<region>}. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class ReplicaGroupUpgradeIT {
    @Test
    void shouldResumeWhereTheFormerlyNamedGroupStoppedInsteadOfReplayingTheTopic(EmbeddedKafka kafka,
            RedisProcess redis) throws Exception {
        // given a region topic holding two records on partition 0, the first already applied by the applier of the
        // previous version, whose group committed offset 1 under its former name
        String prefix = "u" + UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = new TopicNames(prefix);
        String topic = topics.replicate("eqiad");
        TestTopics.create(kafka.bootstrapServers(), 1, topic);
        try (KafkaProducer<String, RegionRecord> producer = Kafka.regionProducer(kafka.bootstrapServers())) {
            Kafka.send(producer, topic, "before", Records.upsert("before", 0, 1, null, "before"));
            Kafka.send(producer, topic, "after", Records.upsert("after", 0, 2, null, "after"));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(prefix + ".replica.eqiad",
                    Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1))).all().get();
        }

        // when the new version's applier starts with its group under the new scheme
        List<String> applied = new CopyOnWriteArrayList<>();
        try (ReplicaStore store = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(redis.uri())
                     .withKeyPrefix(prefix));
             ReplicaApplier applier = ReplicaApplier.create(ReplicaConfig.defaults("eqiad", kafka.bootstrapServers())
                     .withTopics(topics).withPartitions(1).withGroupId(prefix + "-replica-eqiad"), store,
                     Clock.systemUTC())) {
            applier.addListener((entries, position) -> entries.forEach(e -> {
                if (e.record() instanceof ReplicationRecord r) {
                    applied.add(r.key());
                }
            }));
            applier.start();

            // then it applies the record after the old group's offset, and not the one before it
            await().atMost(Duration.ofSeconds(30)).until(() -> applied.contains("after"));
            assertThat(applied).doesNotContain("before");
        }
    }
}
