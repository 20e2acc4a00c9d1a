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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conit tracker as a library beside a real broker and an in-memory config store. */
@ExtendWith(KafkaExtension.class)
class ConitTrackerIT {
    private static final TopicNames TOPICS = new TopicNames("conits-it");
    private static final String SOURCE = TOPICS.stream("edits");
    /** The second test's own names, so that the first test's writes are not among its streams. */
    private static final TopicNames FOLLOW_TOPICS = new TopicNames("conit-follow-it");
    private static final String FOLLOW_SOURCE = FOLLOW_TOPICS.stream("edits");

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
                ConitTracker tracker = tracker(kafka, TOPICS, view);
                KafkaProducer<String, byte[]> producer = producer(kafka)) {
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

    /** Issue 26 (CPU per event at 500/s): a write of no conit changes no status, so none is read. */
    @Test
    void shouldReadTheStreamsOnlyWhileAConitExistsAndCountWritesAcceptedBeforeTheFirstConit(EmbeddedKafka kafka)
            throws Exception {
        // given a config with a stream and a region but no conit
        ConfigStore store = ConfigStore.inMemory();
        TestTopics.create(kafka.bootstrapServers(), 1, FOLLOW_SOURCE);
        store.txnRun(txn -> {
            ConfigDocuments.put(txn, StreamDoc.of("edits"));
            ConfigDocuments.put(txn, RegionDoc.of("eqiad"));
        });
        try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                ConitTracker tracker = tracker(kafka, FOLLOW_TOPICS, view);
                KafkaProducer<String, byte[]> producer = producer(kafka)) {
            // when three writes are accepted (offsets 0 to 2) and eqiad has applied only the first
            for (int i = 0; i < 3; i++) {
                write(producer, FOLLOW_SOURCE, "enwiki:Page" + i);
            }
            position(producer, FOLLOW_TOPICS, FOLLOW_SOURCE, "eqiad", 0);

            // then the tracker is ready without reading the stream: no conit, no status
            tracker.awaitCaughtUp(Duration.ofSeconds(20));
            assertThat(tracker.followedStreams()).isEmpty();
            assertThat(tracker.current()).isEmpty();
            List<Long> published = new CopyOnWriteArrayList<>();
            tracker.onMeasured(() -> Optional.ofNullable(tracker.current().get("pages"))
                    .ifPresent(status -> published.add(status.regions().get("eqiad").orderError())));

            for (int round = 1; round <= 2; round++) {
                // when a conit covering those keys is configured (again), the tracker reads the stream from its
                // beginning, so the two writes accepted before the conit and not applied count against it, and no
                // status is published before it has read them
                store.put(ConfigKeys.conit("pages"), ConfigDocuments.toJson(new ConitDoc("pages",
                        ConitDoc.KeyPattern.glob("enwiki:*"), new ConitDoc.Bounds(60_000L, 1L, null),
                        ConitDoc.Enforcement.ALERT)));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(tracker.followedStreams()).containsExactly(FOLLOW_SOURCE);
                    assertThat(tracker.current()).containsKey("pages");
                    assertThat(tracker.current().get("pages").regions().get("eqiad").orderError()).isEqualTo(2);
                    assertThat(tracker.current().get("pages").regionsOutOfBounds()).containsExactly("eqiad");
                });
                assertThat(published).as("round %d", round).isNotEmpty().containsOnly(2L);

                // when the conit is removed, the tracker lets the stream go and its status is withdrawn
                store.delete(ConfigKeys.conit("pages"));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(tracker.followedStreams()).isEmpty();
                    assertThat(tracker.current()).isEmpty();
                });
                published.clear();
            }
        } finally {
            store.close();
        }
    }

    /** A tracker measuring every 50 ms, keeping at most 1,000 writes per conit. */
    private static ConitTracker tracker(EmbeddedKafka kafka, TopicNames topics, ConfigView view) {
        return ConitTracker.start(new ConitTrackerConfig(kafka.bootstrapServers(), topics, Duration.ofMillis(50),
                1_000), view, Clock.systemUTC());
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void position(KafkaProducer<String, byte[]> producer, String region, long offset) {
        position(producer, TOPICS, SOURCE, region, offset);
    }

    /** Says that {@code region} has applied {@code source}'s partition 0 up to {@code offset}. */
    private static void position(KafkaProducer<String, byte[]> producer, TopicNames topics, String source,
            String region, long offset) {
        send(producer, topics.positions(), region, EventSerdes.regionPosition().serialize("t", new RegionPosition(
                region, Position.of(0, source, 0, offset), Map.of(), Instant.now())));
    }

    private static void write(KafkaProducer<String, byte[]> producer, String key) {
        write(producer, SOURCE, key);
    }

    /** Appends an accepted write of {@code key} to partition 0 of {@code source}. */
    private static void write(KafkaProducer<String, byte[]> producer, String source, String key) {
        producer.send(new ProducerRecord<>(source, 0, key, EventSerdes.editEvent().serialize(source, event(key))));
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
