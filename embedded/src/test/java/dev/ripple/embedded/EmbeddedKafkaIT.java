package dev.ripple.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.junit.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class EmbeddedKafkaIT {

    @Test
    void shouldDeliverTransactionallyProducedRecordsToAReadCommittedConsumer(EmbeddedKafka kafka) throws Exception {
        // given a topic on the shared broker
        String topic = "round-trip";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }

        // when a transactional producer commits three records (needs the single-broker transaction settings)
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-it",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.commitTransaction();
        }

        // then a consumer group reads them back
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).containsExactlyInAnyOrder("value-0", "value-1", "value-2");
    }

    @Test
    void shouldDeleteItsDataDirectoryOnCloseUnlessAskedToKeepIt() throws Exception {
        // given a broker of its own, with a temporary data directory
        Path dataDir;
        try (EmbeddedKafka own = EmbeddedKafka.start()) {
            dataDir = own.dataDir();
            assertThat(Files.list(dataDir)).isNotEmpty();
        }
        // then closing it removes the directory
        assertThat(dataDir).doesNotExist();

        // and a broker told to keep its directory leaves it for inspection
        Path kept = Files.createTempDirectory("ripple-kafka-kept-");
        try {
            try (EmbeddedKafka own = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(kept, true))) {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", own.bootstrapServers()))) {
                    assertThat(admin.listTopics().names().get()).isEqualTo(Set.of());
                }
            }
            assertThat(kept.resolve("meta.properties")).exists();
        } finally {
            dev.ripple.embedded.internal.TempDirs.deleteRecursively(kept);
        }
    }
}
