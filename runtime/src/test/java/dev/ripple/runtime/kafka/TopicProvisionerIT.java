package dev.ripple.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class TopicProvisionerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldCreateWhatIsMissingWithItsSpecAndAcceptItAgain(EmbeddedKafka kafka) throws Exception {
        // given the topics of one stream and one region, none of which exists
        RippleTopics topics = RippleTopics.of(new TopicNames("provision-it"), 3);
        List<TopicSpec> specs = topics.all(List.of("edits"), List.of("eqiad"), List.of("propagator"), List.of());

        try (Admin admin = KafkaClients.admin(settings(kafka))) {
            // when they are ensured twice
            TopicProvisioner.ensure(admin, specs, TIMEOUT);
            var described = TopicProvisioner.ensure(admin, specs, TIMEOUT);

            // then each exists once, with its partition count, and the positions are compacted
            assertThat(described).containsOnlyKeys(specs.stream().map(TopicSpec::name).toArray(String[]::new));
            assertThat(described.get("provision-it.replicate.eqiad").partitions()).hasSize(3);
            assertThat(described.get("provision-it.positions").partitions()).hasSize(1);
            var positions = new ConfigResource(ConfigResource.Type.TOPIC, "provision-it.positions");
            assertThat(admin.describeConfigs(List.of(positions)).all().get().get(positions)
                    .get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(TopicProvisioner.check(admin, specs, TIMEOUT)).isEmpty();
        }
    }

    @Test
    void shouldRefuseACoPartitionedTopicWithAnotherPartitionCountSayingWhatToDo(EmbeddedKafka kafka)
            throws Exception {
        // given a region topic that someone created with 2 partitions on a cluster of 4
        RippleTopics topics = RippleTopics.of(new TopicNames("mismatch-it"), 4);
        try (Admin admin = KafkaClients.admin(settings(kafka))) {
            admin.createTopics(List.of(new NewTopic("mismatch-it.purge.eqiad", 2, (short) 1))).all().get();

            // then ensuring it fails, naming the topic, both counts and the way out
            assertThatThrownBy(() -> TopicProvisioner.ensure(admin, List.of(topics.purge("eqiad")), TIMEOUT))
                    .isInstanceOfSatisfying(TopicMismatchException.class, e -> {
                        assertThat(e.actual()).isEqualTo(2);
                        assertThat(e.spec().partitions()).isEqualTo(4);
                        assertThat(e).hasMessageContaining("mismatch-it.purge.eqiad has 2 partitions but must have 4")
                                .hasMessageContaining("delete it");
                    });
            assertThat(TopicProvisioner.check(admin, List.of(topics.purge("eqiad"), topics.conitLog()), TIMEOUT))
                    .hasSize(2).anySatisfy(p -> assertThat(p).contains("mismatch-it.conit-log is missing"));

            // while a side topic's count is the operator's to choose
            admin.createTopics(List.of(new NewTopic("mismatch-it.dlq.intake", 1, (short) 1))).all().get();
            assertThat(TopicProvisioner.ensure(admin, List.of(topics.dlq("intake")), TIMEOUT))
                    .containsOnlyKeys("mismatch-it.dlq.intake");
            assertThat(admin.listTopics().names().get()).contains("mismatch-it.dlq.intake")
                    .doesNotContainAnyElementsOf(Set.of("mismatch-it.conit-log"));
        }
    }

    private static KafkaSettings settings(EmbeddedKafka kafka) {
        return KafkaSettings.of(kafka.bootstrapServers(), Map.of(), "ripple-provision-it");
    }
}
