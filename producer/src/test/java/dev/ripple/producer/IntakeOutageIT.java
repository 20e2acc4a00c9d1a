package dev.ripple.producer;

import static dev.ripple.producer.HostileRequests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ProducerDoc;
import dev.ripple.consistency.Dot;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.LinkedKafka;
import dev.ripple.testsupport.NetworkCut;
import dev.ripple.testsupport.TestKeys;
import dev.ripple.testsupport.TestTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A broker that stops while the intake runs: clients get 503 in time, and no acknowledged event is lost. */
class IntakeOutageIT {
    private static final Logger log = LoggerFactory.getLogger(IntakeOutageIT.class);
    /** What the machine may add to the bound (a loaded, shared CI host): an upper bound only, never a lower one. */
    private static final Duration SLACK = Duration.ofMillis(2500);
    private static final String BOTH = "both.token-of-a-producer-of-both-streams";

    @Test
    void shouldAnswer503WhileKafkaIsDownAndLoseNoAcknowledgedEvent(@TempDir Path dataDir) throws Exception {
        // given an intake on a broker of its own whose data survives a stop
        EmbeddedKafka.Options keep = EmbeddedKafka.Options.defaults().withDataDir(dataDir, true);
        EmbeddedKafka kafka = EmbeddedKafka.start(keep);
        List<String> acknowledged = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        List<Duration> waited = new ArrayList<>();
        IntakeFixture fixture = new IntakeFixture(kafka, "outage", PublisherConfig.defaults(
                kafka.bootstrapServers(), TestKeys.CODEC).withTimeouts(Duration.ofMillis(500),
                Duration.ofSeconds(2)), IntakeConfig.defaults().withPartitions(3)
                .withPublishTimeout(Duration.ofSeconds(5)));
        try {
            // when events are posted one by one and the broker stops halfway
            for (int i = 0; i < 40; i++) {
                if (i == 20) {
                    kafka.close();
                }
                long start = System.nanoTime();
                HttpResponse<String> response = fixture.postAs(IntakeFixture.TOKEN, """
                        {"meta": {"stream": "outage"}, "key": "k%d", "revision": %d}""".formatted(i % 5, i));
                waited.add(Duration.ofNanos(System.nanoTime() - start));
                statuses.add(response.statusCode());
                if (response.statusCode() == 201) {
                    acknowledged.add(EventJson.mapper().readTree(response.body()).at("/results/0/id").asText());
                }
            }
        } finally {
            fixture.close();
        }

        // then every answer was 201 or 503, never a silent drop, and the outage gave 503s
        assertThat(statuses).containsOnly(201, 503);
        assertThat(statuses.subList(0, 20)).containsOnly(201);
        assertThat(statuses.subList(25, 40)).containsOnly(503);
        assertThat(waited).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(5).plus(SLACK)));

        // and after a restart on the same data, every acknowledged event is on the topic
        try (EmbeddedKafka restarted = EmbeddedKafka.start(keep)) {
            Set<String> stored = PublisherIT.readAll(restarted.bootstrapServers(), "ripple.stream.outage",
                    acknowledged.size()).stream().map(r -> id(r.value())).collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
        }
    }

    @Test
    void shouldAnswer503WithinTheDefaultBoundAndLetRetriesFindTheWritesKafkaTookLater() throws Exception {
        // given the production shape (ripple producer, ripple up: 5 s to block, 30 s to deliver, the default publish
        // timeout) reaching its broker through a link that can be cut, and a producer of two streams, one of which
        // the intake has not written to yet
        LinkedKafka broker = LinkedKafka.start();
        NetworkCut link = broker.link();
        EmbeddedKafka kafka = broker.kafka();
        Duration bound = IntakeConfig.defaults().publishTimeout();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        IntakeFixture fixture = new IntakeFixture(kafka, "outage", PublisherConfig.defaults(broker.bootstrap(),
                TestKeys.CODEC), IntakeConfig.defaults().withPartitions(3));
        fixture.intake.metrics().bindTo(metrics);
        fixture.store.txnRun(txn -> ConfigDocuments.put(txn, ProducerDoc.withToken("both", BOTH,
                List.of("outage", "outage-other"))));
        Awaitility.await().until(() -> fixture.view.snapshot().producers().containsKey("both"));
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = UUID.randomUUID().toString();
                assertThat(fixture.postAs(BOTH, event(id, "outage", "warm-" + i, i)).statusCode()).isEqualTo(201);
                acknowledged.add(id);
            }

            // when the link is cut and clients post at once: single events with and without a revision (one of them
            // twice: a retry while the first attempt is in flight waits for it), a batch to the stream the intake
            // has no metadata of yet, and a batch with an invalid event (dead-lettered)
            link.cut();
            Map<String, String> pending = new HashMap<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = UUID.randomUUID().toString();
                pending.put(id, event(id, "outage", "down-" + i, i % 2 == 0 ? i : null));
                bodies.add(pending.get(id));
            }
            bodies.add(bodies.get(0));
            List<String> otherIds = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
            String otherBatch = "[" + otherIds.stream().map(id -> event(id, "outage-other", "other-" + id, 1L))
                    .collect(Collectors.joining(",")) + "]";
            bodies.add(otherBatch);
            String validOfMixed = UUID.randomUUID().toString();
            pending.put(validOfMixed, event(validOfMixed, "outage", "mixed", 1L));
            bodies.add("[" + pending.get(validOfMixed) + ", {\"meta\": {\"stream\": \"outage\"}, \"key\": \"\"}]");
            List<Timed> outage = postAll(fixture, clients, bodies);

            // then each is answered within the bound: 503 problem+json with Retry-After, or a 207 naming the 503
            Duration limit = bound.plus(SLACK);
            log.info("Answers while the link was cut (bound {} ms): {} ms", bound.toMillis(),
                    outage.stream().map(t -> t.elapsed().toMillis()).toList());
            assertThat(outage).allSatisfy(answer -> assertThat(answer.elapsed()).as(answer.response().body())
                    .isLessThanOrEqualTo(limit));
            List<Timed> unavailable = outage.subList(0, outage.size() - 1);
            unavailable.forEach(t -> problem(t.response(), 503, "kafka-unavailable"));
            assertThat(unavailable).allSatisfy(t -> assertThat(t.response().headers().firstValue("Retry-After"))
                    .hasValue("5"));
            HttpResponse<String> mixed = outage.get(outage.size() - 1).response();
            assertThat(mixed.statusCode()).isEqualTo(207);
            assertThat(json(mixed).at("/results")).extracting(r -> r.get("status").asInt()).containsExactly(503, 400);
            assertThat(counter(metrics, IntakeMetricNames.LIMIT_HITS, "publish_timeout"))
                    .as("the seven that waited for acknowledgements").isGreaterThanOrEqualTo(7);

            // when the link is back, and each client retries its 503s with the same meta.id until it gets an answer
            link.restore();
            Map<String, Dot> dots = new HashMap<>();
            for (Map.Entry<String, String> event : pending.entrySet()) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                    HttpResponse<String> again = fixture.postAs(BOTH, event.getValue());
                    if (again.statusCode() == 201) {
                        dots.put(event.getKey(), Dot.parse(json(again).at("/results/0/dot").asText()));
                    }
                    return again.statusCode() == 201;
                });
            }
            double deduplicated = counter(metrics, IntakeMetricNames.RETRIES_DEDUPLICATED, null);
            log.info("Retries answered with an earlier attempt's dot once the link was back: {} (of {} events)",
                    (long) deduplicated, pending.size());

            // then a further retry gets the same dot, and the stream holds every event exactly once: the ones Kafka
            // took late (whose retries got their dots) and the ones it never took (published anew by the retry)
            for (Map.Entry<String, String> event : pending.entrySet()) {
                HttpResponse<String> again = fixture.postAs(BOTH, event.getValue());
                assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
                assertThat(Dot.parse(json(again).at("/results/0/dot").asText())).isEqualTo(dots.get(event.getKey()));
            }
            assertThat(counter(metrics, IntakeMetricNames.RETRIES_DEDUPLICATED, null))
                    .isEqualTo(deduplicated + pending.size());
            acknowledged.addAll(pending.keySet());
            assertThat(storedIds(kafka, "ripple.stream.outage", acknowledged.size())).containsOnlyKeys(acknowledged)
                    .allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1));

            // and the batch that Kafka never took is published anew, once
            assertThat(fixture.postAs(BOTH, otherBatch).statusCode()).isEqualTo(201);
            assertThat(storedIds(kafka, "ripple.stream.outage-other", otherIds.size()))
                    .containsOnlyKeys(otherIds).allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));
        } finally {
            clients.shutdownNow();
            link.restore();
            fixture.close();
            broker.close();
        }
    }

    @Test
    void shouldLookForAWriteKafkaNeverAnsweredBeforePublishingItsRetryAnew() throws Exception {
        // given an intake that gives Kafka 3 s to acknowledge a write, through a link that can lose replies or cut
        LinkedKafka broker = LinkedKafka.start();
        NetworkCut link = broker.link();
        EmbeddedKafka kafka = broker.kafka();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        IntakeFixture fixture = new IntakeFixture(kafka, "outage", PublisherConfig.defaults(broker.bootstrap(),
                TestKeys.CODEC).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(3)),
                IntakeConfig.defaults().withPartitions(3));
        fixture.intake.metrics().bindTo(metrics);
        try {
            String warm = UUID.randomUUID().toString();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() ->
                    fixture.postAs(IntakeFixture.TOKEN, event(warm, "outage", "warm", null)).statusCode() == 201);

            // when the broker stores an event without a revision but its acknowledgement is lost, and another is
            // never sent for the link is cut: each is answered 503, "may or may not be stored"
            String stored = UUID.randomUUID().toString();
            link.loseReplies();
            HttpResponse<String> lost = fixture.postAs(IntakeFixture.TOKEN, event(stored, "outage", "lost-ack", null));
            link.restore();
            String warmAgain = UUID.randomUUID().toString();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> fixture.postAs(
                    IntakeFixture.TOKEN, event(warmAgain, "outage", "warm-again", null)).statusCode() == 201);
            String unsent = UUID.randomUUID().toString();
            link.cut();
            HttpResponse<String> cut = fixture.postAs(IntakeFixture.TOKEN, event(unsent, "outage", "cut", null));
            link.restore();
            problem(lost, 503, "kafka-unavailable");
            problem(cut, 503, "kafka-unavailable");

            // and each is retried with the same meta.id until it is acknowledged
            Map<String, Dot> dots = new HashMap<>();
            for (String id : List.of(stored, unsent)) {
                String body = event(id, "outage", id.equals(stored) ? "lost-ack" : "cut", null);
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                    HttpResponse<String> again = fixture.postAs(IntakeFixture.TOKEN, body);
                    if (again.statusCode() == 201) {
                        dots.put(id, Dot.parse(json(again).at("/results/0/dot").asText()));
                    }
                    return again.statusCode() == 201;
                });
            }

            // then the stored one is found where Kafka put it, the other is published anew, and each is on the
            // stream once: without the look, the first would be written twice
            assertThat(storedIds(kafka, "ripple.stream.outage", 4)).containsOnlyKeys(warm, warmAgain, stored, unsent)
                    .allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1));
            assertThat(uncertain(metrics, "written")).isEqualTo(1);
            assertThat(uncertain(metrics, "not_written")).isEqualTo(1);
            HttpResponse<String> retry = fixture.postAs(IntakeFixture.TOKEN, event(stored, "outage", "lost-ack", null));
            assertThat(Dot.parse(json(retry).at("/results/0/dot").asText())).isEqualTo(dots.get(stored));
            assertThat(uncertain(metrics, "written")).as("the verdict is kept, not looked for again").isEqualTo(1);
        } finally {
            link.restore();
            fixture.close();
            broker.close();
        }
    }

    @Test
    void shouldCreateTheStreamTopicsOnceKafkaAnswersWhenItWasAwayAtStartAndSendNothingBefore() throws Exception {
        // given a broker that would create a topic on a producer's first send, with its own defaults (one partition)
        LinkedKafka broker = LinkedKafka.start();
        NetworkCut link = broker.link();
        EmbeddedKafka kafka = broker.kafka();
        link.cut();
        IntakeFixture fixture = null;
        try {
            // when an intake starts while the broker is out of reach, so that its stream topics cannot be created
            fixture = new IntakeFixture(kafka, "outage", PublisherConfig.defaults(broker.bootstrap(),
                    TestKeys.CODEC).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(3)),
                    IntakeConfig.defaults().withPartitions(3));
            IntakeFixture intake = fixture;
            String id = UUID.randomUUID().toString();
            String body = event(id, "outage", "k", 1L);
            long posted = System.nanoTime();
            HttpResponse<String> early = intake.postAs(IntakeFixture.TOKEN, body);
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - posted);

            // then its events are answered 503 unsent, at once rather than at the publish timeout, since the topic's
            // creation already failed; once the broker answers, the topic is created as the intake specifies it, and
            // the retry is stored
            problem(early, 503, "kafka-unavailable");
            assertThat(answeredIn).isLessThan(IntakeConfig.DEFAULT_PUBLISH_TIMEOUT.dividedBy(2));
            assertThat(json(early).at("/detail").asText()).contains("The topic of stream 'outage' does not exist yet");
            link.restore();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() ->
                    intake.postAs(IntakeFixture.TOKEN, body).statusCode() == 201);
            assertThat(TestTopics.partitions(kafka.bootstrapServers(), "ripple.stream.outage"))
                    .as("the intake's partitions, not the broker's default").isEqualTo(3);
            assertThat(storedIds(kafka, "ripple.stream.outage", 1)).containsOnlyKeys(id);
        } finally {
            link.restore();
            if (fixture != null) {
                fixture.close();
            }
            broker.close();
        }
    }

    /** A response and how long the client waited for it. */
    private record Timed(HttpResponse<String> response, Duration elapsed) {}

    private static List<Timed> postAll(IntakeFixture fixture, ExecutorService clients, List<String> bodies) {
        List<CompletableFuture<Timed>> answers = bodies.stream().map(body -> CompletableFuture.supplyAsync(() -> {
            try {
                return timed(fixture, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, clients)).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static Timed timed(IntakeFixture fixture, String body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = fixture.postAs(BOTH, body);
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String event(String id, String stream, String key, Object revision) {
        return """
                {"meta": {"id": "%s", "stream": "%s"}, "key": "%s"%s, "content_type": "text/plain", "body": "b"}"""
                .formatted(id, stream, key, revision == null ? "" : ", \"revision\": " + revision);
    }

    private static void problem(HttpResponse<String> response, int status, String type) {
        try {
            assertProblem(response, status, type, "meta.id");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double counter(SimpleMeterRegistry metrics, String name, String limit) {
        var search = metrics.find(name);
        Counter counter = (limit == null ? search : search.tag("limit", limit)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double uncertain(SimpleMeterRegistry metrics, String found) {
        Counter counter = metrics.find(IntakeMetricNames.UNCERTAIN_WRITES).tag("found", found).counter();
        return counter == null ? 0 : counter.count();
    }

    /** How often each event id is on {@code topic}, once it holds at least {@code expected} records. */
    private static Map<String, Long> storedIds(EmbeddedKafka kafka, String topic, int expected) {
        return PublisherIT.readAll(kafka.bootstrapServers(), topic, expected).stream().map(r -> id(r.value()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    private static String id(byte[] value) {
        try {
            JsonNode event = EventJson.mapper().readTree(value);
            return event.at("/meta/id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
