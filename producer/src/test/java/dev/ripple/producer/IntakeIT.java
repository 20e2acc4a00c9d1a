package dev.ripple.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ProducerDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.consistency.Dot;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.TestKeys;
import dev.ripple.testsupport.TestTopics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.server.policy.CreateTopicPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class IntakeIT {
    private static final String STREAM = "intake-it";
    private static final String TOPIC = "ripple.stream." + STREAM;
    private static IntakeFixture fixture;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start(EmbeddedKafka sharedKafka) {
        kafka = sharedKafka;
        fixture = IntakeFixture.start(kafka, STREAM);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    static String event(String key, long revision) {
        return """
                {"meta": {"stream": "%s", "request_id": "%s"}, "key": "%s", "revision": %d,
                 "content_type": "text/plain", "body": "hello"}""".formatted(STREAM, UUID.randomUUID(), key, revision);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    @Test
    void shouldWriteAnEventAndAnswer201WithItsDotAndASessionTokenThatCoversIt() throws Exception {
        // when a producer posts one event without an id or time
        HttpResponse<String> response = fixture.postAs(IntakeFixture.TOKEN, event("enwiki:Main_Page", 7));

        // then it is written, with the dot and a token covering it
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode result = json(response).get("results").get(0);
        assertThat(result.get("status").asInt()).isEqualTo(201);
        assertThat(result.get("topic").asText()).isEqualTo(TOPIC);
        Dot dot = Dot.parse(result.get("dot").asText());
        String token = response.headers().firstValue("Ripple-Session-Token").orElseThrow();
        assertThat(TestKeys.CODEC.decode(token, 0).position().covers(dot)).isTrue();
        assertThat(json(response).get("session_token").asText()).isEqualTo(token);
        assertThat(result.get("id").asText()).hasSize(36);

        // and the stored event has the filled-in id and time, and the resource key as Kafka key
        var stored = PublisherIT.readAt(kafka, dot);
        assertThat(stored.key()).isEqualTo("enwiki:Main_Page");
        JsonNode storedEvent = EventJson.mapper().readTree(stored.value());
        assertThat(storedEvent.at("/meta/id").asText()).isEqualTo(result.get("id").asText());
        assertThat(storedEvent.at("/meta/dt").asText()).isNotBlank();
    }

    @Test
    void shouldAnswer207WithAnEntryPerEventWhenSomeAreInvalidAndWriteOnlyTheValidOnes() throws Exception {
        long before = fixture.recordsOn(TOPIC);
        long refusedBefore = fixture.recordsOn("ripple.refused.intake");
        long dlqBefore = fixture.recordsOn("ripple.dlq.intake");

        HttpResponse<String> response = fixture.postAs(IntakeFixture.TOKEN, "[" + event("a", 1) + ","
                + "{\"meta\": {\"stream\": \"" + STREAM + "\"}, \"key\": \"\"}" + "," + event("b", 1) + "]");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode results = json(response).get("results");
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(201, 400, 201);
        assertThat(results.get(1).get("errors").get(0).get("pointer").asText()).isEqualTo("/key");
        assertThat(fixture.recordsOn(TOPIC)).isEqualTo(before + 2);
        // and the refused one is kept in the intake's refusals topic, not in its dead-letter queue
        await().until(() -> fixture.recordsOn("ripple.refused.intake") == refusedBefore + 1);
        assertThat(fixture.recordsOn("ripple.dlq.intake")).isEqualTo(dlqBefore);
    }

    @Test
    void shouldAnswer202AtOnceInFireAndForgetMode() throws Exception {
        HttpResponse<String> response = fixture.post("/v1/events?hasty=true", event("hasty", 1),
                Map.of("Authorization", "Bearer " + IntakeFixture.TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("results").get(0).get("status").asInt()).isEqualTo(202);
    }

    @Test
    void shouldDeadLetterAHastyEventThatKafkaDidNotTakeAfterItWasAnswered202() throws Exception {
        // given a stream topic that refuses what the stream allows (an operator set its max.message.bytes too low)
        setMaxMessageBytes(TOPIC, "100");
        try {
            long before = fixture.recordsOn("ripple.dlq.intake");

            // when an event is sent with ?hasty=true
            HttpResponse<String> response = fixture.post("/v1/events?hasty=true", event("lost", 1),
                    Map.of("Authorization", "Bearer " + IntakeFixture.TOKEN));

            // then it is answered 202 at once, and once Kafka refused it, it waits in the intake's dead-letter queue as
            // it would have been published, saying why
            assertThat(response.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.recordsOn("ripple.dlq.intake") == before + 1);
            DeadLetterRecord letter = lastDeadLetter("ripple.dlq.intake");
            assertThat(letter.reason()).contains("?hasty=true", "Kafka did not take it", "larger than the max message size");
            assertThat(letter.original().topic()).isEqualTo(TOPIC);
            assertThat(letter.original().key()).isEqualTo("lost");
            assertThat(EventJson.mapper().readTree(letter.value()).at("/meta/id").asText()).isNotBlank();
        } finally {
            setMaxMessageBytes(TOPIC, null);
        }
    }

    /** Sets the topic's {@code max.message.bytes}, or takes it back to the broker's with null. */
    private static void setMaxMessageBytes(String topic, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(
                    "max.message.bytes", value), value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET))))
                    .all().get(10, TimeUnit.SECONDS);
            // the broker applies it a moment later than it answers
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
                        .get(resource).get("max.message.bytes");
                return value == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                        : value.equals(entry.value());
            });
        }
    }

    private static DeadLetterRecord lastDeadLetter(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
            ConsumerRecord<String, byte[]> last = records.stream()
                    .max(Comparator.comparingLong(ConsumerRecord::timestamp)).orElseThrow();
            return DeadLetterRecord.read(last.key(), last.value(), last.headers());
        }
    }

    @Test
    void shouldAnswer413WhenABatchIsLargerThanTheProducersBurstAndWriteNothing() throws Exception {
        // given producer 'slow' at 5 events/s, so a burst of 5
        long before = fixture.recordsOn(TOPIC);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            batch.append(i == 0 ? "" : ",").append(event("rated-" + i, 1));
        }

        // when it sends 6 events at once
        HttpResponse<String> response = fixture.postAs(IntakeFixture.OTHER_TOKEN, batch + "]");

        // then it is told the batch can never pass and how to split it (429s are in IntakeHostileIT)
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("type").asText()).endsWith("/batch-over-burst");
        assertThat(json(response).get("detail").asText()).contains("at most 5 events");
        assertThat(fixture.recordsOn(TOPIC)).isEqualTo(before);
    }

    @Test
    void shouldListStreamsAndReportReadiness() throws Exception {
        JsonNode streams = json(fixture.get("/v1/streams")).get("streams");
        assertThat(streams).extracting(s -> s.get("name").asText()).containsExactly(STREAM, STREAM + "-other");
        assertThat(streams.get(0).get("max_event_bytes").asLong()).isEqualTo(4096);
        assertThat(fixture.intake.unavailable()).isEmpty();
    }

    @Test
    void shouldPublishToItsStreamsWhenKafkaRefusesToCreateATopicOfTheIntakesOwn() throws Exception {
        // given a broker whose topic policy refuses the intake's dead-letter topic
        try (EmbeddedKafka refusing = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withBrokerOverrides(
                Map.of("create.topic.policy.class.name", RefuseIntakeDeadLetters.class.getName())));
                // when an intake starts on it
                IntakeFixture intake = IntakeFixture.start(refusing, STREAM)) {
            // then its stream's events are published all the same, the refused topic holding back no other
            HttpResponse<String> published = intake.postAs(IntakeFixture.TOKEN, event("enwiki:Refused", 1));
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            assertThat(TestTopics.exists(refusing.bootstrapServers(), "ripple.dlq.intake")).isFalse();
        }
    }

    @Test
    void shouldPublishToAStreamAddedToTheConfigAsSoonAsTheIntakeListsIt() throws Exception {
        // given a broker that takes a while to create the topic of a stream added later
        try (EmbeddedKafka slow = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withBrokerOverrides(
                Map.of("create.topic.policy.class.name", SlowToCreateAddedStream.class.getName())));
                IntakeFixture intake = IntakeFixture.start(slow, STREAM)) {
            // when the stream is added, and the writer publishes to it as soon as the intake lists it
            intake.store.txnRun(txn -> {
                ConfigDocuments.put(txn, new StreamDoc(SlowToCreateAddedStream.STREAM, null, null, null));
                ConfigDocuments.put(txn, ProducerDoc.withToken("writer", IntakeFixture.TOKEN,
                        List.of(STREAM, SlowToCreateAddedStream.STREAM)));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> json(intake.get("/v1/streams")).get("streams")
                    .findValuesAsText("name").contains(SlowToCreateAddedStream.STREAM));
            HttpResponse<String> published = intake.postAs(IntakeFixture.TOKEN, event("enwiki:Added", 1)
                    .replace("\"" + STREAM + "\"", "\"" + SlowToCreateAddedStream.STREAM + "\""));

            // then the event waits for the topic's creation instead of being answered 503, and is stored there
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            assertThat(intake.recordsOn("ripple.stream." + SlowToCreateAddedStream.STREAM)).isEqualTo(1);
            assertThat(TestTopics.partitions(slow.bootstrapServers(), "ripple.stream."
                    + SlowToCreateAddedStream.STREAM)).isEqualTo(3);
        }
    }

    /** A broker's topic policy that takes a second over stream {@value #STREAM}'s topic, as a busy controller might. */
    public static final class SlowToCreateAddedStream implements CreateTopicPolicy {
        static final String STREAM = "added-later";

        @Override
        public void validate(RequestMetadata request) {
            if (request.topic().equals("ripple.stream." + STREAM)) {
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }

    /** A broker's topic policy that refuses {@code ripple.dlq.intake}, as an operator's policy or ACL might. */
    public static final class RefuseIntakeDeadLetters implements CreateTopicPolicy {
        @Override
        public void validate(RequestMetadata request) {
            if (request.topic().equals("ripple.dlq.intake")) {
                throw new PolicyViolationException("no dead letters here");
            }
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }
}
