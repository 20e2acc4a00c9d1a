package dev.ripple.producer;

import static dev.ripple.producer.HostileRequests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.Dot;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.TestKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries by {@code meta.id} (issue 19): a client that repeats a publish gets the first one's dot, and the stream
 * holds the event once; the memory of ids stays bounded whatever a client sends. Outages: {@link IntakeOutageIT}.
 */
@ExtendWith(KafkaExtension.class)
class IntakeRetriesIT {
    private static final String STREAM = "retries";
    private static final String TOPIC = "ripple.stream." + STREAM;
    private static final int MAX_IDS = 20;

    private static final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private static IntakeFixture fixture;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start(EmbeddedKafka sharedKafka) {
        kafka = sharedKafka;
        fixture = new IntakeFixture(kafka, STREAM, PublisherConfig.defaults(kafka.bootstrapServers(), TestKeys.CODEC)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)), IntakeConfig.defaults()
                .withLimits(64 * 1024, 50).withPartitions(3)
                .withRetries(new RetryWindow(Duration.ofMinutes(10), MAX_IDS)));
        fixture.intake.metrics().bindTo(metrics);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void shouldAnswerARetryOfAPublishedEventWithItsDotAndWriteItOnce() throws Exception {
        // given an event without a revision (the replicas would not tell two copies of it apart), published once
        String id = UUID.randomUUID().toString();
        String event = event(id, "no-revision", "");
        double published = count(IntakeMetricNames.EVENTS_PUBLISHED, null);
        HttpResponse<String> first = fixture.postAs(IntakeFixture.TOKEN, event);
        assertThat(first.statusCode()).isEqualTo(201);
        Awaitility.await().until(() -> count(IntakeMetricNames.EVENTS_PUBLISHED, null) == published + 1);
        long before = fixture.recordsOn(TOPIC);
        double deduplicated = count(IntakeMetricNames.RETRIES_DEDUPLICATED, null);

        // when the client sends it again, with the id in capitals
        HttpResponse<String> retry = fixture.postAs(IntakeFixture.TOKEN, event(id.toUpperCase(Locale.ROOT),
                "no-revision", ""));

        // then it gets the same 201 and dot, a token covering it, and nothing more is written
        assertThat(retry.statusCode()).isEqualTo(201);
        Dot dot = dot(first);
        assertThat(dot(retry)).isEqualTo(dot);
        String token = retry.headers().firstValue("Ripple-Session-Token").orElseThrow();
        assertThat(PublisherIT.decode(token).covers(dot)).isTrue();
        assertThat(fixture.recordsOn(TOPIC)).isEqualTo(before);
        assertThat(count(IntakeMetricNames.RETRIES_DEDUPLICATED, null)).isEqualTo(deduplicated + 1);
        assertThat(count(IntakeMetricNames.EVENTS_PUBLISHED, null)).as("published once").isEqualTo(published + 1);
    }

    @Test
    void shouldWriteAnIdOnceWhenItIsSentConcurrentlyAndTwiceInOneBatch() throws Exception {
        // given one event
        String id = UUID.randomUUID().toString();
        String event = event(id, "concurrent", ", \"revision\": 3");
        long before = fixture.recordsOn(TOPIC);

        // when eight clients send it at once, and one sends it twice in a batch
        ExecutorService clients = Executors.newFixedThreadPool(9);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> post(event), clients));
        }
        sent.add(CompletableFuture.supplyAsync(() -> post("[" + event + "," + event + "]"), clients));
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
        clients.shutdown();

        // then every answer names the one dot, and the stream holds the event once
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(201));
        Dot dot = dot(answers.get(0));
        assertThat(answers).allSatisfy(a -> assertThat(json(a).at("/results")).allSatisfy(r ->
                assertThat(r.get("dot").asText()).isEqualTo(dot.toString())));
        assertThat(fixture.recordsOn(TOPIC)).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseAnIdReusedForADifferentEventAndWriteNothing() throws Exception {
        // given a published event
        String id = UUID.randomUUID().toString();
        assertThat(fixture.postAs(IntakeFixture.TOKEN, event(id, "reused", ", \"revision\": 1")).statusCode())
                .isEqualTo(201);
        long before = fixture.recordsOn(TOPIC);
        double refused = count(IntakeMetricNames.EVENTS_REFUSED, "status", "409");

        // when the same id comes with another revision
        HttpResponse<String> reused = fixture.postAs(IntakeFixture.TOKEN, event(id, "reused", ", \"revision\": 2"));

        // then it is a 409 that says what to do, and nothing is written
        assertProblem(reused, 409, "event-id-reused", "Give every event its own id");
        assertThat(json(reused).at("/results/0/status").asInt()).isEqualTo(409);
        assertThat(fixture.recordsOn(TOPIC)).isEqualTo(before);
        assertThat(count(IntakeMetricNames.EVENTS_REFUSED, "status", "409")).isEqualTo(refused + 1);
    }

    @Test
    void shouldRefuseAMetaIdLongerThanAUuidAndRememberNothingOfIt() throws Exception {
        // given the ids remembered now
        double remembered = gauge(IntakeMetricNames.RETRY_IDS);

        // when an id of 60,000 characters (the body limit is 64 KiB), and one of 37, come
        HttpResponse<String> huge = fixture.postAs(IntakeFixture.TOKEN, event("a".repeat(60_000), "huge", ""));
        HttpResponse<String> long37 = fixture.postAs(IntakeFixture.TOKEN, event(UUID.randomUUID() + "0", "l", ""));

        // then both are refused by the schema (an id is a UUID, 36 characters) and none is remembered
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
        assertThat(long37.statusCode()).as(long37.body()).isEqualTo(400);
        assertThat(json(long37).at("/errors/0/errors/0/pointer").asText()).isEqualTo("/meta/id");
        assertThat(gauge(IntakeMetricNames.RETRY_IDS)).isEqualTo(remembered);
    }

    @Test
    void shouldKeepItsMemoryOfIdsWithinTheBoundWhenAClientSendsManyDistinctIds() throws Exception {
        // given an id published first
        String oldest = UUID.randomUUID().toString();
        HttpResponse<String> first = fixture.postAs(IntakeFixture.TOKEN, event(oldest, "oldest", ""));
        double hits = count(IntakeMetricNames.LIMIT_HITS, "max_retry_ids");

        // when a client sends 250 more distinct ids, in batches of 50
        for (int batch = 0; batch < 5; batch++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(event(UUID.randomUUID().toString(), "many-" + i, ""));
            }
            assertThat(fixture.postAs(IntakeFixture.TOKEN, "[" + String.join(",", events) + "]").statusCode())
                    .isEqualTo(201);
        }

        // then the intake remembers at most its bound, says how many it forgot early, and a retry of the
        // forgotten id is written again: the documented price of the bound
        assertThat(gauge(IntakeMetricNames.RETRY_IDS)).isEqualTo(MAX_IDS);
        assertThat(gauge(IntakeMetricNames.LIMIT, "max_retry_ids")).isEqualTo(MAX_IDS);
        assertThat(count(IntakeMetricNames.LIMIT_HITS, "max_retry_ids")).isGreaterThanOrEqualTo(hits + 250 - MAX_IDS);
        HttpResponse<String> late = fixture.postAs(IntakeFixture.TOKEN, event(oldest, "oldest", ""));
        assertThat(late.statusCode()).isEqualTo(201);
        assertThat(dot(late)).isNotEqualTo(dot(first));
    }

    private static String event(String id, String key, String extra) {
        return """
                {"meta": {"id": "%s", "stream": "%s", "request_id": "%s"}, "key": "%s"%s,
                 "content_type": "text/plain", "body": "hello"}""".formatted(id, STREAM, UUID.randomUUID(), key, extra);
    }

    private static HttpResponse<String> post(String body) {
        try {
            return fixture.postAs(IntakeFixture.TOKEN, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dot dot(HttpResponse<String> response) {
        return Dot.parse(json(response).at("/results/0/dot").asText());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static double count(String name, String limit) {
        return limit == null ? count(name, null, null) : count(name, "limit", limit);
    }

    private static double count(String name, String tag, String value) {
        var search = metrics.find(name);
        Counter counter = (tag == null ? search : search.tag(tag, value)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    private static double gauge(String name, String limit) {
        return metrics.get(name).tag("limit", limit).gauge().value();
    }
}
