package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.StreamDoc;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.testsupport.LinkedKafka;
import dev.ripple.testsupport.NetworkCut;
import dev.ripple.testsupport.TestEvents;
import dev.ripple.testsupport.TestTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A broker that does not answer for longer than the follower's lookups wait (5 s) pauses the prober's sampling, not
 * ends it: it follows the writes again when the broker is back.
 */
class WriteFollowerOutageIT {
    private static final TopicNames TOPICS = new TopicNames("follower-outage-it");
    private static final String SOURCE = TOPICS.stream("edits");

    @Test
    void shouldKeepFollowingThroughABrokerCutOffLongerThanItsLookups() throws Exception {
        // given a broker behind a link that can be cut, and a config with stream edits and a stream whose topic
        // nobody has created yet (the follower looks it up every second)
        try (LinkedKafka kafka = LinkedKafka.start(); ConfigStore store = ConfigStore.inMemory()) {
            NetworkCut link = kafka.link();
            String bootstrap = kafka.bootstrap();
            TestTopics.create(bootstrap, 1, SOURCE);
            store.txnRun(txn -> {
                ConfigDocuments.put(txn, StreamDoc.of("edits"));
                ConfigDocuments.put(txn, StreamDoc.of("not-yet"));
            });
            List<String> sampled = new CopyOnWriteArrayList<>();
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                    WriteFollower follower = new WriteFollower(KafkaSettings.of(bootstrap), TOPICS, view,
                            new KeySample(1.0), (write, event, snapshot) -> sampled.add(write.key()), () -> { },
                            Duration.ofMillis(20), Clock.systemUTC()).start();
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                            bootstrap), new StringSerializer(), new ByteArraySerializer())) {
                write(producer, "enwiki:Before");
                await().atMost(Duration.ofSeconds(30)).until(() -> sampled.contains("enwiki:Before"));
                assertThat(TestTopics.exists(bootstrap, TOPICS.stream("not-yet"))).as("looked up, not created")
                        .isFalse();

                // when the link to the broker is cut for 12 s, then the follower runs throughout
                link.cut();
                await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(14)).until(follower::running);

                // and when the link is back, the next write is sampled
                link.restore();
                write(producer, "enwiki:After");
                await().atMost(Duration.ofSeconds(60)).until(() -> sampled.contains("enwiki:After"));
                assertThat(follower.running()).isTrue();
                assertThat(follower.failure()).isEmpty();
            }
        }
    }

    private static void write(KafkaProducer<String, byte[]> producer, String key) throws Exception {
        producer.send(new ProducerRecord<>(SOURCE, 0, key, EventSerdes.editEvent().serialize(SOURCE,
                TestEvents.upsert(key, 1)))).get();
    }
}
