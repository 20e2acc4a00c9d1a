package dev.ripple.monitor.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.Cli;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.monitor.MonitorMetricNames;
import dev.ripple.monitor.lag.LagMonitor;
import dev.ripple.monitor.lag.LagMonitorConfig;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.Metrics;
import dev.ripple.runtime.server.RippleHttpServer;
import dev.ripple.testsupport.CommandRun;
import dev.ripple.testsupport.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The propagator's DLQ as an operator meets it, on a real broker: dead letters written as the propagator writes them
 * (the runtime's encoder, one transaction each, so a commit marker follows every record), the depth the lag monitor
 * counts ({@code ripple_dlq_depth_records}), {@code ripple dlq list} and {@code ripple dlq replay}: a replayed record is
 * back on its source partition with its value and headers, and no longer counted or listed. The whole path with the
 * propagator is {@link PoisonReplayIT}.
 */
@ExtendWith(KafkaExtension.class)
class DlqReplayIT {
    private static final String TOKEN = "s3cret-admin";
    private static final byte[] EVENT = "{\"meta\": {\"stream\": \"edits\"}, \"key\": \"enwiki:Poison\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final List<Header> DEPS = List.of(new RecordHeader("ripple-deps", new byte[] {1, 0, 4}));

    private EmbeddedKafka kafka;
    private TopicNames topics;
    private Metrics metrics;
    private LagMonitor lag;
    private DeadLetterQueues queues;
    private RippleHttpServer http;
    private KafkaProducer<String, byte[]> propagator;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        this.kafka = kafka;
        topics = new TopicNames("dlqit" + UUID.randomUUID().toString().substring(0, 8));
        TestTopics.create(kafka.bootstrapServers(), 3, topics.stream("edits"));
        TestTopics.create(kafka.bootstrapServers(), 1, topics.dlq("propagator"));
        metrics = Metrics.create();
        lag = LagMonitor.start(LagMonitorConfig.defaults(kafka.bootstrapServers()).withTopics(topics)
                .withSampling(Duration.ofMillis(200), 2), Clock.systemUTC());
        metrics.bind(lag.metrics());
        queues = new DeadLetterQueues(kafka.bootstrapServers(), Map.of(), topics, metrics.registry());
        http = RippleHttpServer.start("127.0.0.1", 0, List.of(DlqRoutes.routes(queues, AdminToken.required(TOKEN))));
        propagator = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dlqit-" + UUID.randomUUID()), new StringSerializer(),
                new ByteArraySerializer());
        propagator.initTransactions();
    }

    @AfterEach
    void tearDown() {
        propagator.close();
        http.close();
        queues.close();
        lag.close();
    }

    @Test
    void shouldReplayAPoisonRecordToItsOriginalPartitionWithItsValueAndHeadersAndStopCountingIt() throws Exception {
        // given a record the propagator gave up on (read from partition 2 at offset 7, with its dependencies)
        deadLetter(new FailedRecord(topics.stream("edits"), 2, 7, "enwiki:Poison", EVENT, DEPS), "template: no {title}");

        // then the DLQ's depth is one record, though the topic's offsets span the record and its commit marker
        awaitDepth(1);
        CommandRun list = Cli.ripple("dlq", "list", "propagator", "--url", http.url());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("0@0", topics.stream("edits") + "-2@7", "key=enwiki:Poison",
                "template: no {title}");

        // when the operator replays it without, then with the admin token
        CommandRun refused = Cli.ripple("dlq", "replay", "propagator", "--id", "0@0", "--url", http.url(),
                "--admin-token", "wrong");
        CommandRun replayed = Cli.ripple("dlq", "replay", "propagator", "--id", "0@0", "--url", http.url(),
                "--admin-token", TOKEN);

        // then only the token's replay goes through: the record is back on partition 2 as it was read, headers too
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("401", "admin token");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(replayed.out()).contains("replayed 1, skipped 0, failed 0");
        ConsumerRecord<String, byte[]> back = readOne(new TopicPartition(topics.stream("edits"), 2));
        assertThat(back.key()).isEqualTo("enwiki:Poison");
        assertThat(back.value()).isEqualTo(EVENT);
        assertThat(back.headers().lastHeader("ripple-deps").value()).isEqualTo(new byte[] {1, 0, 4});
        assertThat(Arrays.stream(back.headers().toArray()).map(Header::key)).noneMatch(k -> k.startsWith("ripple-dlq-"));
        assertThat(new String(back.headers().lastHeader(DeadLetterQueues.REPLAYED_FROM).value(),
                StandardCharsets.UTF_8)).isEqualTo(topics.dlq("propagator") + ":0@0");
        assertThat(metrics.scrape()).contains("ripple_dlq_replayed_total{consumer=\"propagator\"} 1.0");

        // and the DLQ is empty to the operator: depth 0, nothing listed, and a second replay of it is refused
        awaitDepth(0);
        assertThat(Cli.ripple("dlq", "list", "propagator", "--url", http.url()).out())
                .contains(topics.dlq("propagator") + " is empty");
        CommandRun again = Cli.ripple("dlq", "replay", "propagator", "--id", "0@0", "--url", http.url(),
                "--admin-token", TOKEN);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("409", "replayed already");
    }

    @Test
    void shouldReplayARecordInTheMiddleAloneAndTheRestWithAll() throws Exception {
        // given three dead letters, at offsets 0, 2 and 4 (a commit marker after each)
        for (int i = 0; i < 3; i++) {
            deadLetter(new FailedRecord(topics.stream("edits"), i, 10 + i, "k" + i, EVENT), "reason " + i);
        }
        awaitDepth(3);

        // when the middle one is replayed by its id
        assertThat(queues.replay("propagator", "0@2", 0).replayed()).isEqualTo(1);

        // then the other two still wait, and only they are counted
        assertThat(queues.list("propagator", 20)).extracting(DeadLetter::id).containsExactly("0@0", "0@4");
        awaitDepth(2);

        // when the rest are replayed
        ReplayResult all = queues.replay("propagator", null, 100);

        // then exactly those two were sent (three records in all reached the source topic), and nothing waits
        assertThat(all.replayed()).isEqualTo(2);
        assertThat(endOffset(topics.stream("edits"))).isEqualTo(3);
        assertThat(queues.list("propagator", 20)).isEmpty();
        awaitDepth(0);

        // and a new dead letter is the only one that waits
        deadLetter(new FailedRecord(topics.stream("edits"), 1, 20, "k3", EVENT), "failed again");
        assertThat(queues.list("propagator", 20)).extracting(DeadLetter::key).containsExactly("k3");
        awaitDepth(1);
    }

    @Test
    void shouldRefuseReplaysWithoutTheTokenFromAnotherOriginOrNotAsJsonAndReplayNothing() throws Exception {
        // given a record waiting in the DLQ
        deadLetter(new FailedRecord(topics.stream("edits"), 1, 3, "enwiki:Poison", EVENT), "template: no {title}");

        // when it is replayed without the token, as text/plain (a page's simple request), or from another origin
        HttpResponse<String> noToken = send("{\"all\": true}", Map.of("Content-Type", "application/json"));
        HttpResponse<String> textPlain = send("{\"all\": true}", Map.of("Content-Type", "text/plain",
                "Authorization", "Bearer " + TOKEN));
        HttpResponse<String> crossOrigin = send("{\"all\": true}", Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + TOKEN, "Origin", "http://evil.example"));

        // then each is refused with its problem and nothing was replayed
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(textPlain.statusCode()).isEqualTo(415);
        assertThat(crossOrigin.statusCode()).isEqualTo(403);
        for (HttpResponse<String> refused : List.of(noToken, textPlain, crossOrigin)) {
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith(
                    "application/problem+json");
            assertThat(refused.body()).contains("\"status\":" + refused.statusCode(), "\"detail\"");
        }
        assertThat(metrics.registry().find(MonitorMetricNames.DLQ_REPLAYED).counter()).isNull();
        assertThat(endOffset(topics.stream("edits"))).isZero();

        // when the token comes with a lower-case scheme, the replay goes through
        HttpResponse<String> replayed = send("{\"all\": true}", Map.of("Content-Type", "application/json",
                "Authorization", "bearer " + TOKEN));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(readOne(new TopicPartition(topics.stream("edits"), 1)).key()).isEqualTo("enwiki:Poison");
    }

    @Test
    void shouldSendAnEventThatNeverReachedKafkaToItsStreamByKeyAndKeepOneWithoutItsValueWaiting() throws Exception {
        // given an accepted event the intake could not write (no partition) and one whose value was left out
        deadLetter(new FailedRecord(topics.stream("edits"), -1, -1, "enwiki:Hasty", EVENT), "Kafka did not take it");
        deadLetter(new DeadLetterRecord(new FailedRecord(topics.stream("edits"), 0, 5, "enwiki:Big", null),
                "too large", 1, Instant.now(), Instant.now(), "propagator", 2_000_000));

        // when everything is replayed
        ReplayResult result = queues.replay("propagator", null, 0);

        // then the first is on its stream, the second is skipped saying where its value is, and still waits
        assertThat(result.replayed()).isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.problems()).singleElement().asString().contains("0@2", "left out",
                topics.stream("edits") + "-0@5");
        assertThat(endOffset(topics.stream("edits"))).isEqualTo(1);
        assertThat(queues.list("propagator", 20)).extracting(DeadLetter::key).containsExactly("enwiki:Big");
        awaitDepth(1);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownRecordOrQueue() throws Exception {
        deadLetter(new FailedRecord(topics.stream("edits"), 0, 1, "k", EVENT), "why");

        HttpResponse<String> noRecord = post("/api/dlq/propagator/replay", "{\"id\": \"0@99\"}");
        HttpResponse<String> noQueue = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.url()
                + "/api/dlq/replica.nowhere")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> both = post("/api/dlq/propagator/replay", "{\"id\": \"0@0\", \"all\": true}");

        assertThat(noRecord.statusCode()).isEqualTo(404);
        assertThat(noQueue.statusCode()).isEqualTo(404);
        assertThat(noQueue.body()).contains("nothing has been written there yet");
        assertThat(both.statusCode()).isEqualTo(400);
    }

    /** Waits until the lag monitor's gauge, as Prometheus scrapes it, says {@code depth} records wait. */
    private void awaitDepth(long depth) {
        Pattern gauge = Pattern.compile("(?m)^ripple_dlq_depth_records\\{consumer=\"propagator\"} ([0-9.]+)$");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Matcher m = gauge.matcher(metrics.scrape());
            assertThat(m.find()).as("ripple_dlq_depth_records of propagator on /metrics").isTrue();
            assertThat(Double.parseDouble(m.group(1))).isEqualTo((double) depth);
        });
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url() + "/api/dlq/propagator/replay"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.url() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As the propagator writes a dead letter: the runtime's encoding, in a transaction of its own. */
    private void deadLetter(FailedRecord original, String reason) {
        deadLetter(new DeadLetterEncoder("propagator", Clock.systemUTC(), DeadLetterEncoder.DEFAULT_MAX_RECORD_BYTES)
                .encode(new dev.ripple.runtime.deadletter.DeadLetter(original, reason, 3, Instant.now())));
    }

    private void deadLetter(DeadLetterRecord letter) {
        propagator.beginTransaction();
        propagator.send(new ProducerRecord<>(topics.dlq("propagator"), 0, null, letter.original().key(),
                letter.value(), letter.headers()));
        propagator.commitTransaction();
    }

    private long endOffset(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ConsumerRecord<String, byte[]> readOne(TopicPartition tp) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return !records.isEmpty();
            });
            return records.get(0);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
