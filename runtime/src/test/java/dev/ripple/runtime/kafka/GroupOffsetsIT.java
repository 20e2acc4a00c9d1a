package dev.ripple.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class GroupOffsetsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldStartTheRenamedGroupWhereItsFormerNameStoppedOnce(EmbeddedKafka kafka) throws Exception {
        // given an applier group under its former name with committed offsets, and none under the new one
        ConsumerGroups groups = ConsumerGroups.of(new TopicNames("upgrade-it"));
        String group = groups.replica("eqiad");
        String legacy = ConsumerGroups.legacyOf(group).orElseThrow();
        RippleTopics topics = RippleTopics.of(new TopicNames("upgrade-it"), 2);
        try (Admin admin = KafkaClients.admin(KafkaSettings.of(kafka.bootstrapServers(), Map.of(), "upgrade-it"))) {
            TopicProvisioner.ensure(admin, List.of(topics.replicate("eqiad")), TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> stopped = Map.of(
                    new TopicPartition("upgrade-it.replicate.eqiad", 0), new OffsetAndMetadata(41),
                    new TopicPartition("upgrade-it.replicate.eqiad", 1), new OffsetAndMetadata(7));
            admin.alterConsumerGroupOffsets(legacy, stopped).all().get();

            // when the upgraded part starts
            boolean adopted = GroupOffsets.adoptLegacy(admin, group, legacy, TIMEOUT);

            // then the new group resumes at the same offsets
            assertThat(adopted).isTrue();
            assertThat(committed(admin, group)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    new TopicPartition("upgrade-it.replicate.eqiad", 0), 41L,
                    new TopicPartition("upgrade-it.replicate.eqiad", 1), 7L));

            // and once it has moved on, a restart does not take the old offsets again
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition("upgrade-it.replicate.eqiad", 0),
                    new OffsetAndMetadata(50))).all().get();
            assertThat(GroupOffsets.adoptLegacy(admin, group, legacy, TIMEOUT)).isFalse();
            assertThat(committed(admin, group)).containsEntry(new TopicPartition("upgrade-it.replicate.eqiad", 0), 50L);
        }
    }

    @Test
    void shouldDoNothingForANewInstallation(EmbeddedKafka kafka) {
        try (Admin admin = KafkaClients.admin(KafkaSettings.of(kafka.bootstrapServers(), Map.of(), "fresh-it"))) {
            assertThat(GroupOffsets.adoptLegacy(admin, "fresh-replica-eqiad", "fresh.replica.eqiad", TIMEOUT))
                    .isFalse();
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((tp, o) -> offsets.put(tp, o.offset()));
        return offsets;
    }
}
