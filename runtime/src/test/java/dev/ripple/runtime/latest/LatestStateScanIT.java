package dev.ripple.runtime.latest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.RecordHeaders;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The latest-state scan on a real broker, against records written in transactions as the propagator writes them. */
@ExtendWith(KafkaExtension.class)
class LatestStateScanIT {
    private static final Instant WRITTEN = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void shouldReadEveryEntryWithItsSourcePositionSkipUnreadableOnesAndResumeWhereItStopped(EmbeddedKafka kafka)
            throws Exception {
        // given a latest-state topic of 2 partitions: two keys and an unreadable record in 0, one key in 1
        TopicNames topics = new TopicNames("scan-it");
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of(), "scan-it");
        create(settings, topics);
        String topic = topics.latest("edits");
        try (KafkaProducer<String, byte[]> producer = producer(settings)) {
            send(producer, topic, 0, "enwiki:A", 7, 40L);
            send(producer, topic, 0, "enwiki:B", 2, 41L);
            send(producer, topic, 0, "enwiki:C", 1, null);
            send(producer, topic, 1, "enwiki:D", 3, 12L);

            // when all of it is scanned
            List<LatestEntry> entries = new ArrayList<>();
            LatestStateScan scan = LatestStateScan.open(settings, topics, List.of("edits"), List.of(0, 1), Map.of());
            Map<TopicPartition, Long> next;
            try (scan) {
                // (a record written after it opened is not read)
                send(producer, topic, 1, "enwiki:E", 1, 13L);
                drain(scan, entries);
                next = scan.next();
                assertThat(scan.read()).isEqualTo(4);
                assertThat(scan.skipped()).isEqualTo(1);
                assertThat(scan.total()).isGreaterThanOrEqualTo(4);
            }

            // then each readable entry has its stream, event and original source position; the unreadable one is
            // skipped
            assertThat(entries).extracting(LatestEntry::key).containsExactlyInAnyOrder("enwiki:A", "enwiki:B",
                    "enwiki:D");
            assertThat(entries).filteredOn(e -> e.key().equals("enwiki:A")).singleElement().satisfies(e -> {
                assertThat(e.stream()).isEqualTo("edits");
                assertThat(e.event().revision()).isEqualTo(7);
                assertThat(e.source()).isEqualTo(new SourcePosition("scan-it.stream.edits", 0, 40, WRITTEN));
            });

            // and a scan resumed from where it stopped reads only what was written since
            List<LatestEntry> resumed = new ArrayList<>();
            try (LatestStateScan again = LatestStateScan.open(settings, topics, List.of("edits"), List.of(0, 1),
                    next)) {
                drain(again, resumed);
            }
            assertThat(resumed).extracting(LatestEntry::key).containsExactly("enwiki:E");
        }
    }

    @Test
    void shouldRefuseToOpenAStreamWithoutALatestStateTopicSayingWhatToDo(EmbeddedKafka kafka) {
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of(), "scan-it");

        assertThatThrownBy(() -> LatestStateScan.openAll(settings, new TopicNames("scan-missing"), List.of("edits")))
                .isInstanceOf(KafkaSetupException.class)
                .hasMessageContaining("scan-missing.latest.edits does not exist")
                .hasMessageContaining("start the propagator");
    }

    private static void drain(LatestStateScan scan, List<LatestEntry> into) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!scan.done()) {
            assertThat(System.nanoTime()).as("scan done within 30 s").isLessThan(deadline);
            into.addAll(scan.poll(Duration.ofMillis(200)));
        }
    }

    private static void create(KafkaSettings settings, TopicNames topics) {
        try (Admin admin = KafkaClients.admin(settings)) {
            TopicProvisioner.ensure(admin, List.of(RippleTopics.of(topics, 2).latest("edits")),
                    Duration.ofSeconds(30));
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaSettings settings) {
        KafkaProducer<String, byte[]> producer = KafkaClients.transactionalProducer(settings, "scan-it",
                "scan-it-" + System.nanoTime(), Map.of(), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    /** One record in its own transaction, as the propagator writes them; {@code sourceOffset} null for none. */
    private static void send(KafkaProducer<String, byte[]> producer, String topic, int partition, String key,
            long revision, Long sourceOffset) throws Exception {
        EventMeta meta = new EventMeta("id-" + key, WRITTEN, "edits", null, "en.example.org", null, "eqiad");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, WRITTEN.toEpochMilli(), key,
                EventJson.mapper().writeValueAsBytes(EditEvent.upsert(meta, key, revision, "text/plain", "b")));
        if (sourceOffset != null) {
            RecordHeaders.putSourceOffset(record.headers(), sourceOffset);
        }
        producer.beginTransaction();
        producer.send(record);
        producer.commitTransaction();
    }
}
