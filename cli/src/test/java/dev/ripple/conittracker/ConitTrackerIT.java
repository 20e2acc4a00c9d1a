package dev.ripple.conittracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.EpochDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.consistency.Position;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.ConitThrottle;
import dev.ripple.testsupport.TestTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConitTrackerIT {
    private static final TopicNames TOPICS = new TopicNames("conits-it");
    private static final String SOURCE = TOPICS.stream("edits");

    @Test
    void shouldMeasureEachRegionPublishTheStatusThrottleWritesAndRecoverWhenTheRegionCatchesUp(EmbeddedKafka kafka)
            throws Exception {
        // given two regions and a conit that throttles writes past 3 unapplied
        ConfigStore store = ConfigStore.inMemory();
        TestTopics.create(kafka.bootstrapServers(), 1, SOURCE);
        store.txnRun(txn -> {
            ConfigDocuments.put(txn, StreamDoc.of("edits"));
            ConfigDocuments.put(txn, RegionDoc.of("eqiad"));
            ConfigDocuments.put(txn, RegionDoc.of("codfw"));
            ConfigDocuments.put(txn, new ConitDoc("pages", ConitDoc.KeyPattern.glob("enwiki:*"),
                    new ConitDoc.Bounds(60_000L, 3L, null), ConitDoc.Enforcement.THROTTLE_WRITES));
        });
        try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                ConitTracker tracker = ConitTracker.start(new ConitTrackerConfig(kafka.bootstrapServers(), TOPICS,
                        Duration.ofMillis(50), 1_000), view, Clock.systemUTC());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            ConitThrottle throttle = new ConitThrottle(view, tracker::current);

            // when five writes of the conit are accepted on the source stream (offsets 0 to 4), and a write of no
            // conit, eqiad has applied all and codfw only the first
            for (long offset = 0; offset < 5; offset++) {
                write(producer, "enwiki:Page" + offset);
            }
            write(producer, "dewiki:Hauptseite");
            position(producer, "eqiad", 5);
            position(producer, "codfw", 0);
            // a cache purger's position of codfw says nothing about what codfw's replica applied
            send(producer, TOPICS.positions(), RegionPosition.PURGE_KEY_PREFIX + "codfw", EventSerdes.regionPosition()
                    .serialize("t", new RegionPosition("codfw", Position.of(0, SOURCE, 0, 4), Map.of(), Instant.now())));

            // then codfw is 4 writes behind, past max_unapplied, and writes to the conit are throttled
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ConitStatus status = tracker.current().get("pages");
                assertThat(status.regions().get("eqiad").orderError()).isZero();
                assertThat(status.regions().get("codfw").orderError()).isEqualTo(4);
                assertThat(status.regionsOutOfBounds()).containsExactly("codfw");
            });
            assertThat(throttle.check(event("enwiki:Main_Page"))).hasValueSatisfying(
                    t -> assertThat(t.reason()).contains("pages", "codfw", "4 unapplied"));
            assertThat(throttle.check(event("dewiki:Hauptseite"))).isEmpty();

            // when codfw catches up, the status recovers, writes pass and the ledger is trimmed
            position(producer, "codfw", 5);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(tracker.current().get("pages").regionsOutOfBounds()).isEmpty();
                assertThat(tracker.ledgerSize()).isZero();
            });
            assertThat(throttle.check(event("enwiki:Main_Page"))).isEmpty();

            // when codfw falls behind again and then the epoch is raised, the writes of the old epoch are forgotten
            // (their offsets are of recreated logs) and no region counts as having applied anything of the new one
            for (long offset = 6; offset < 11; offset++) {
                write(producer, "enwiki:Page" + offset);
            }
            position(producer, "eqiad", 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> tracker.current().get("pages").regions().get("codfw")
                    .orderError() == 5);
            store.put(ConfigKeys.EPOCH, ConfigDocuments.toJson(EpochDoc.of(1)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(tracker.ledgerSize()).isZero();
                assertThat(tracker.current().get("pages").regionsOutOfBounds()).isEmpty();
            });
            write(producer, "enwiki:Page11");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tracker.current().get("pages")
                    .regions().values()).allSatisfy(region -> assertThat(region.orderError()).isEqualTo(1)));
        } finally {
            store.close();
        }
    }

    private static void position(KafkaProducer<String, byte[]> producer, String region, long offset) {
        send(producer, TOPICS.positions(), region, EventSerdes.regionPosition().serialize("t", new RegionPosition(
                region, Position.of(0, SOURCE, 0, offset), Map.of(), Instant.now())));
    }

    private static void write(KafkaProducer<String, byte[]> producer, String key) {
        producer.send(new ProducerRecord<>(SOURCE, 0, key, EventSerdes.editEvent().serialize(SOURCE, event(key))));
        producer.flush();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    private static EditEvent event(String key) {
        return EditEvent.upsert(new EventMeta(UUID.randomUUID().toString(), Instant.now(), "edits", null, null, null,
                null), key, 1, "text/plain", "x");
    }
}
