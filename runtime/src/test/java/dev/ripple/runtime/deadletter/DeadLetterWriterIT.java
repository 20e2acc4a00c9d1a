package dev.ripple.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one dead-letter writer on a real broker: acknowledged dead letters, read back with the original value and
 * headers; too large ones lose the value.
 */
@ExtendWith(KafkaExtension.class)
class DeadLetterWriterIT {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldWriteTheOriginalValueAndHeadersAndCompleteOnceKafkaAcknowledgedIt(EmbeddedKafka kafka) {
        // given a writer for one consumer's dead-letter topic
        String topic = "t" + UUID.randomUUID().toString().substring(0, 8) + ".dlq.replica.esams";
        DeadLetterEncoder encoder = new DeadLetterEncoder("replica.esams", Clock.fixed(NOW, ZoneOffset.UTC), 2048);
        byte[] small = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] large = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
        List<Header> headers = List.of(new RecordHeader("ripple-deps", new byte[] {0, 3}));
        try (KafkaProducer<String, byte[]> producer = producer(kafka);
                DeadLetterWriter writer = DeadLetterWriter.kafka(producer, topic, encoder)) {
            // when a small and a too-large record are dead-lettered
            writer.send(new DeadLetter(new FailedRecord("ripple.replicate.esams", 1, 7, "k1", small, headers),
                    "HTTP 400", 1, NOW.minusSeconds(5))).orTimeout(30, TimeUnit.SECONDS).join();
            writer.send(DeadLetter.once(new FailedRecord("ripple.replicate.esams", 1, 8, "k2", large), "HTTP 400",
                    NOW)).orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(writer.pending()).isZero();
        }

        // then both are on the topic, keyed by the original key, the first with its value and headers as they were
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(readAll(kafka, topic, 2));
        records.sort(Comparator.comparing(ConsumerRecord::key)); // the topic may have several partitions
        DeadLetterRecord first = read(records.get(0));
        assertThat(records.get(0).key()).isEqualTo("k1");
        assertThat(records.get(0).value()).isEqualTo(small);
        assertThat(records.get(0).headers().lastHeader("ripple-deps").value()).isEqualTo(new byte[] {0, 3});
        assertThat(first.originalHeaders()).isEqualTo(headers);
        assertThat(first.original().offset()).isEqualTo(7);
        assertThat(first.reason()).isEqualTo("HTTP 400");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.consumer()).isEqualTo("replica.esams");
        assertThat(first.firstFailure()).isEqualTo(NOW.minusSeconds(5));
        assertThat(first.lastFailure()).isEqualTo(NOW);

        // and the too-large one kept its coordinates, lost its value, and says where to replay it from
        DeadLetterRecord second = read(records.get(1));
        assertThat(records.get(1).value()).isNull();
        assertThat(second.valueLeftOut()).isEqualTo(4096);
        assertThat(second.original().key()).isEqualTo("k2");
        assertThat(second.reason()).startsWith("HTTP 400 (value of 4096 bytes left out")
                .contains("ripple.replicate.esams-1@8");
    }

    private static DeadLetterRecord read(ConsumerRecord<String, byte[]> record) {
        return DeadLetterRecord.read(record.key(), record.value(), record.headers());
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafka kafka, String topic, int count) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out).hasSize(count);
        return out;
    }
}
