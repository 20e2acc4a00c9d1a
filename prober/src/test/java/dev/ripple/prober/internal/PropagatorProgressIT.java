package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whether the propagator has routed a write, from its group's committed offsets on a real broker. */
@ExtendWith(KafkaExtension.class)
class PropagatorProgressIT {

    @Test
    void shouldSayAWriteBelowTheGroupsCommittedOffsetIsRoutedAndReadAgainOnlyAfterTheRefresh(EmbeddedKafka kafka)
            throws Exception {
        String topic = "ripple.stream.progress";
        TopicPartition p0 = new TopicPartition(topic, 0);
        ManualClock clock = new ManualClock(Instant.parse("2026-12-06T00:00:00Z"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            commit(kafka, "propagator-under-test", p0, 10);
            PropagatorProgress progress = new PropagatorProgress(admin, "propagator-under-test", clock);

            assertThat(progress.passed(Dot.of(topic, 0, 9))).isTrue();
            assertThat(progress.passed(Dot.of(topic, 0, 10))).isFalse();
            // a partition the group has no offset for: unknown, not blamed
            assertThat(progress.passed(Dot.of(topic, 1, 0))).isTrue();

            commit(kafka, "propagator-under-test", p0, 20);
            assertThat(progress.passed(Dot.of(topic, 0, 15))).as("read again only after the refresh").isFalse();
            clock.advance(Duration.ofMillis(PropagatorProgress.REFRESH_MS));
            assertThat(progress.passed(Dot.of(topic, 0, 15))).isTrue();

            // a group that never committed: nothing is blamed on it
            assertThat(new PropagatorProgress(admin, "no-such-group", clock).passed(Dot.of(topic, 0, 0))).isTrue();
        }
    }

    private static void commit(EmbeddedKafka kafka, String group, TopicPartition partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "group.id", group), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)), Duration.ofSeconds(30));
        }
    }
}
