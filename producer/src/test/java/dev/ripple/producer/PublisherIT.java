package dev.ripple.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.RecordHeaders;
import dev.ripple.testsupport.TestEvents;
import dev.ripple.testsupport.TestKeys;
import dev.ripple.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class PublisherIT {

    @Test
    void shouldWriteTheEventToItsStreamTopicAndKeyPartitionWithTheSessionAsDependencies(EmbeddedKafka kafka)
            throws Exception {
        // given a stream topic with 6 partitions and a session that has written once already
        TestTopics.create(kafka.bootstrapServers(), 6, "ripple.stream.placement");
        try (Publisher publisher = Publisher.create(PublisherConfig.defaults(kafka.bootstrapServers(),
                TestKeys.CODEC))) {
            PublishResult first = publisher.publish(TestEvents.upsert("placement", "other", 1), null)
                    .toCompletableFuture().join();

            // when the session publishes an event for key enwiki:Main_Page
            EditEvent event = TestEvents.upsert("placement", "enwiki:Main_Page", 42);
            PublishResult result = publisher.publish(event, first.sessionToken()).toCompletableFuture().join();

            // then it sits at the returned dot: right topic, the key's partition, the key, the event's bytes,
            // and the first write as its dependency
            int expectedPartition = Utils.toPositive(Utils.murmur2("enwiki:Main_Page".getBytes())) % 6;
            assertThat(result.dot()).isEqualTo(Dot.of("ripple.stream.placement", expectedPartition,
                    result.dot().offset()));
            assertThat(result.eventId()).isEqualTo(event.meta().id());
            ConsumerRecord<String, byte[]> stored = readAt(kafka, result.dot());
            assertThat(stored.key()).isEqualTo("enwiki:Main_Page");
            assertThat(stored.value()).isEqualTo(EventJson.mapper().writeValueAsBytes(event));
            assertThat(RecordHeaders.deps(stored.headers())).hasValueSatisfying(
                    deps -> assertThat(deps.covers(first.dot())).isTrue());
            assertThat(decode(result.sessionToken()).covers(result.dot())).isTrue();
        }
    }

    @Test
    void shouldKeepPerKeyOrderOverTenThousandEventsAndReturnATokenThatDominatesEveryDot(EmbeddedKafka kafka)
            throws Exception {
        // given 10,000 events over 100 keys, each key's revisions rising
        TestTopics.create(kafka.bootstrapServers(), 6, "ripple.stream.order");
        List<Dot> dots = new ArrayList<>();
        String token = null;
        try (Publisher publisher = Publisher.create(PublisherConfig.defaults(kafka.bootstrapServers(),
                TestKeys.CODEC))) {
            // when one session publishes them in batches of 100, each batch with the previous batch's token
            for (int batch = 0; batch < 100; batch++) {
                List<EditEvent> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    events.add(TestEvents.upsert("order", "key-" + (i % 100), batch * 100L + i));
                }
                BatchResult result = publisher.publishAll(events, token).toCompletableFuture().join();
                assertThat(result.allPublished()).isTrue();
                result.outcomes().forEach(o -> dots.add(((BatchResult.Outcome.Published) o).result().dot()));
                token = result.sessionToken();
            }
        }

        // then every key's revisions are in offset order on the topic
        Map<String, List<Long>> revisionsByKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(kafka, "ripple.stream.order", 10_000)) {
            EditEvent event = EventJson.mapper().readValue(record.value(), EditEvent.class);
            revisionsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.revision());
        }
        assertThat(revisionsByKey).hasSize(100);
        revisionsByKey.values().forEach(revisions -> assertThat(revisions).isSorted().hasSize(100));

        // and the final token covers every dot the session was given
        Position session = decode(token);
        assertThat(dots).hasSize(10_000).allMatch(session::covers);
    }

    static Position decode(String token) {
        return TestKeys.CODEC.decode(token, 0).position();
    }

    static ConsumerRecord<String, byte[]> readAt(EmbeddedKafka kafka, Dot dot) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka.bootstrapServers())) {
            TopicPartition tp = new TopicPartition(dot.partition().topic(), dot.partition().partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, dot.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == dot.offset()) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("Nothing at " + dot);
    }

    static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafka kafka, String topic, int expected) {
        return readAll(kafka.bootstrapServers(), topic, expected);
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
