package dev.ripple.conittracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.LinkedKafka;
import dev.ripple.testsupport.NetworkCut;
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

/**
 * A broker that does not answer for longer than the tracker's lookups wait (1 s) stops neither the tracker nor its
 * measurements, only their publication; when the broker answers again the new writes are counted, with nothing to
 * restart.
 */
class ConitTrackerOutageIT {
    private static final TopicNames TOPICS = new TopicNames("conit-outage-it");
    private static final String SOURCE = TOPICS.stream("edits");

    @Test
    void shouldKeepRunningWhileTheBrokerIsCutOffAndMeasureAgainWhenItIsBack() throws Exception {
        // given a broker behind a link that can be cut, and a config with a conit over stream edits and a second
        // stream whose topic nobody has created yet (the tracker looks it up every second)
        try (LinkedKafka kafka = LinkedKafka.start(); ConfigStore store = ConfigStore.inMemory()) {
            NetworkCut link = kafka.link();
            String bootstrap = kafka.bootstrap();
            TestTopics.create(bootstrap, 1, SOURCE);
            store.txnRun(txn -> {
                ConfigDocuments.put(txn, StreamDoc.of("edits"));
                ConfigDocuments.put(txn, StreamDoc.of("not-yet"));
                ConfigDocuments.put(txn, RegionDoc.of("eqiad"));
                ConfigDocuments.put(txn, new ConitDoc("pages", ConitDoc.KeyPattern.glob("enwiki:*"),
                        new ConitDoc.Bounds(600_000L, 100L, null), ConitDoc.Enforcement.ALERT));
            });
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                    ConitTracker tracker = ConitTracker.start(new ConitTrackerConfig(bootstrap, TOPICS,
                            Duration.ofMillis(50), 1_000), view, Clock.systemUTC());
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                            bootstrap), new StringSerializer(), new ByteArraySerializer())) {
                // when two writes of the conit are accepted and eqiad applies none, the tracker counts them
                write(producer, "enwiki:Page0");
                write(producer, "enwiki:Page1");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(tracker.current()).containsKey("pages");
                    assertThat(tracker.current().get("pages").regions().get("eqiad").orderError()).isEqualTo(2);
                });

                // when the link to the broker is cut for 12 s, then the tracker is still running throughout, and
                // measuring: the status it holds (which a read gate in its process reads) is never 4 s old
                link.cut();
                await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(14)).until(() ->
                        tracker.state() == State.RUNNING && Duration.between(tracker.current().get("pages").at(),
                                Instant.now()).toMillis() < 4_000);

                // and when the link is back and a third write is accepted, the tracker counts it
                link.restore();
                write(producer, "enwiki:Page2");
                await().atMost(Duration.ofSeconds(60)).until(() -> tracker.current().get("pages").regions()
                        .get("eqiad").orderError() == 3);
                assertThat(tracker.state()).isEqualTo(State.RUNNING);
                assertThat(tracker.failure()).isEmpty();
            }
        }
    }

    private static void write(KafkaProducer<String, byte[]> producer, String key) throws Exception {
        EditEvent event = EditEvent.upsert(new EventMeta(UUID.randomUUID().toString(), Instant.now(), "edits", null,
                null, null, null), key, 1, "text/plain", "x");
        producer.send(new ProducerRecord<>(SOURCE, 0, key, EventSerdes.editEvent().serialize(SOURCE, event))).get();
    }
}
