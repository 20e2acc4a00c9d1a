package dev.ripple.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaClientsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldLeaveATopicItsConsumerAsksForBeforeItExistsToItsProvisioner(EmbeddedKafka kafka) throws Exception {
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of(), "ripple-auto-create-it");
        try (Admin admin = KafkaClients.admin(settings)) {
            // given a broker that creates a topic a client asks for (Kafka's default): a consumer of Kafka's
            // defaults asking for the partitions of a missing conit statuses' topic has it created, not compacted
            String run = Long.toString(System.nanoTime() % 1_000_000, 36); // the broker is shared by the module's ITs
            String control = new TopicNames("auto-create-control-" + run).conitStatus();
            try (KafkaConsumer<byte[], byte[]> plain = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                plain.partitionsFor(control, TIMEOUT);
            }
            await().atMost(TIMEOUT).until(() -> admin.listTopics().names().get().contains(control));
            assertThat(cleanupPolicy(admin, control)).isEqualTo("delete");

            // when a Ripple consumer (as `ripple conits` does) asks for the partitions of another such topic
            TopicNames names = new TopicNames("auto-create-it-" + run);
            String topic = names.conitStatus();
            try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(settings, null, null, Map.of(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                assertThat(consumer.partitionsFor(topic, Duration.ofSeconds(5))).isEmpty();
            }

            // then the topic stays missing, and its provisioner creates it as specified
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> !admin.listTopics().names().get().contains(topic));
            TopicProvisioner.ensure(admin, List.of(RippleTopics.of(names, 1).conitStatus()), TIMEOUT);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
            assertThat(cleanupPolicy(admin, topic)).isEqualTo("compact");
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value();
    }
}
