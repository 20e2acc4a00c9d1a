package dev.ripple.producer;

import static dev.ripple.producer.HostileRequests.assertProblem;
import static dev.ripple.producer.HostileRequests.event;
import static dev.ripple.producer.HostileRequests.json;
import static dev.ripple.producer.HostileRequests.request;
import static dev.ripple.producer.HostileRequests.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ProducerDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.consistency.Dot;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input (issue 16): every kind of request a client can send to crash, stall, wipe or hijack the intake gets
 * its documented status and problem document, and writes nothing to Kafka (or, in a 207, exactly the good events).
 * The table in producer/README.md names each test.
 */
@ExtendWith(KafkaExtension.class)
class IntakeHostileIT {
    private static final String STREAM = "hostile";
    private static final String BIG = "hostile-big";
    private static final int PRODUCERS = 12;
    private static final long MAX_BODY = 4L << 20;
    private static final String BIG_TOKEN = "big.token-of-the-producer-of-big-events";

    private static IntakeFixture fixture;
    private static EmbeddedKafka kafka;
    private static final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeAll
    static void start(EmbeddedKafka sharedKafka) {
        kafka = sharedKafka;
        PublisherConfig publisher = PublisherConfig.defaults(kafka.bootstrapServers(), TestKeys.CODEC)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        IntakeLimits limits = IntakeLimits.defaults().withBody(MAX_BODY, 50).withFailedAuths(1000,
                Duration.ofMillis(1));
        fixture = new IntakeFixture(kafka, STREAM, publisher, IntakeConfig.defaults().withLimits(limits)
                .withPartitions(3));
        fixture.intake.metrics().bindTo(metrics);
        fixture.store.txnRun(txn -> {
            ConfigDocuments.put(txn, StreamDoc.of(BIG));
            ConfigDocuments.put(txn, ProducerDoc.withToken("big", BIG_TOKEN, List.of(BIG)));
            for (int i = 0; i < PRODUCERS; i++) {
                ConfigDocuments.put(txn, ProducerDoc.withToken("n" + i, "n" + i + ".secret-of-producer-n" + i,
                        List.of(STREAM)));
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fixture.get("/v1/streams").body().contains(BIG)
                && fixture.view.snapshot().producers().size() == PRODUCERS + 3);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    // ---- 6: a wrong producer token costs at most one hash, and failures are rate-limited per address

    @Test
    void shouldRefuseAWrongSecretAfterOneHashHoweverManyProducersThereAre() throws Exception {
        long before = written();
        double hashes = hashes();

        HttpResponse<String> response = send(fixture, json("n11.not-the-secret-of-producer-n11", event(STREAM, "k")));

        assertProblem(response, 401, "bad-producer-token", "producer-id");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("invalid_token"));
        assertThat(hashes() - hashes).as("PBKDF2 hashes for one wrong token among %d producers", PRODUCERS + 3)
                .isEqualTo(1);
        assertThat(written()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nobody.secret-of-nobody-at-all", "garbage-without-a-producer-id", "n1.short",
            "%00%01.binary-looking-garbage-0000", "N1.secret-of-producer-n1"})
    void shouldRefuseAnUnknownOrGarbageProducerTokenWithoutHashing(String token) throws Exception {
        long before = written();
        double hashes = hashes();

        assertProblem(send(fixture, json(token, event(STREAM, "k"))), 401, "bad-producer-token", "producer-id");

        assertThat(hashes()).isEqualTo(hashes);
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAMissingProducerTokenWith401() throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(null, event(STREAM, "k")));

        assertProblem(response, 401, "missing-producer-token", "Authorization: Bearer");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ripple\"");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldAcceptTheBearerSchemeInAnyCase() throws Exception {
        for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
            HttpResponse<String> response = send(fixture, request(event(STREAM, "case-" + scheme)).header(
                    "Authorization", scheme + " " + IntakeFixture.TOKEN));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    // ---- 7: numbers and nesting beyond the limits are 400s, per event in a batch

    @Test
    void shouldRefuseOnlyTheEventWhoseRevisionIsBeyondALongAndWriteTheOthers() throws Exception {
        long before = fixture.recordsOn(topic(STREAM));
        String bad = event(STREAM, "too-big", ", \"revision\": 9223372036854775808");

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, "[" + event(STREAM, "good-1") + ","
                + bad + "," + event(STREAM, "good-2") + "]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = EventJson.mapper().readTree(response.body()).get("results");
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(201, 400, 201);
        assertThat(results.get(1).at("/errors/0/pointer").asText()).isEqualTo("/revision");
        assertThat(fixture.recordsOn(topic(STREAM))).isEqualTo(before + 2);
        assertThat(List.of(results.get(0), results.get(2))).extracting(r -> PublisherIT.readAt(kafka,
                Dot.parse(r.get("dot").asText())).key()).containsExactly("good-1", "good-2");
    }

    @Test
    void shouldAnswer400ForJsonNestedTenThousandDeep() throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, "[".repeat(10_000)
                + "]".repeat(10_000)));

        JsonNode problem = assertProblem(response, 400, "json-over-limits", "max_json_depth");
        assertThat(problem.get("limit").asText()).isEqualTo("max_json_depth");
        assertThat(metrics.get(IntakeMetricNames.LIMIT_HITS).tag("limit", "max_json_depth").counter().count())
                .isPositive();
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldAnswer400ForANumberLongerThanTheLimit() throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k",
                ", \"revision\": 1" + "0".repeat(500))));

        assertProblem(response, 400, "json-over-limits", "max_number_chars");
        assertThat(written()).isEqualTo(before);
    }

    // ---- 8: one body limit, max_body_bytes, read by the intake itself

    @Test
    void shouldRefuseABodyDeclaredOverMaxBodyBytesWith413ProblemJson() throws Exception {
        long before = written();
        double hits = limitHits("max_body");

        // headers only: the refusal must come from the declared length, before any of the body is read (a client
        // that kept sending a body the server will not read could meet a reset instead of the answer)
        String answer;
        try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nAuthorization: Bearer " + IntakeFixture.TOKEN + "\r\nContent-Length: "
                    + (MAX_BODY + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder read = new StringBuilder();
            byte[] buffer = new byte[8192];
            int n;
            while (!read.toString().matches("(?s).*\\r\\n\\r\\n\\{.*}\\s*")
                    && (n = socket.getInputStream().read(buffer)) > 0) {
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            answer = read.toString();
        }

        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("body-too-large", "max_body_bytes", "\"limit\":" + MAX_BODY);
        assertThat(limitHits("max_body")).isEqualTo(hits + 1);
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAChunkedBodyOverMaxBodyBytesWhileReadingIt() throws Exception {
        long before = written();
        byte[] body = ("[" + (event(STREAM, "k") + ",").repeat((int) (MAX_BODY / 50)) + event(STREAM, "k") + "]")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(fixture, request(null).header("Authorization", "Bearer "
                + IntakeFixture.TOKEN).POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

        assertProblem(response, 413, "body-too-large", "max_body_bytes");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnEventOverMaxEventBytesWith413PerEventAndAcceptOneOverAMillionBytesUnderIt() throws Exception {
        // given a stream with the default max_event_bytes, 1 MiB, and events of 1.5 MiB and of 1,020,000 bytes
        long before = fixture.recordsOn(topic(BIG));
        String tooLarge = event(BIG, "too-large", ", \"content_type\": \"text/plain\", \"body\": \""
                + "x".repeat(3 << 19) + "\"");
        String large = event(BIG, "large", ", \"content_type\": \"text/plain\", \"body\": \""
                + "y".repeat(1_020_000) + "\"");

        // when both are sent in one batch of more than Javalin's default 1,000,000 bytes
        HttpResponse<String> response = send(fixture, json(BIG_TOKEN, "[" + tooLarge + "," + large + "]"));

        // then the large one is written and the one over 1 MiB is refused on its own
        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode results = EventJson.mapper().readTree(response.body()).get("results");
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(413, 201);
        assertThat(results.get(0).at("/errors/0/message").asText()).contains("max_event_bytes", "1048576");
        assertThat(fixture.recordsOn(topic(BIG))).isEqualTo(before + 1);
    }

    // ---- 9: values the rest of Ripple could not carry

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(strings = {"1e400", "-1e400", "-0.5"})
    void shouldRefuseANonFiniteOrNegativeWeight(String weight) throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k",
                ", \"weight\": " + weight)));

        JsonNode problem = assertProblem(response, 400, "invalid-events", "/weight");
        assertThat(problem.at("/errors/0/errors/0/pointer").asText()).isEqualTo("/weight");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAKeyOfMoreBytesThanTheReadApiReads() throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "é".repeat(1024))));

        assertProblem(response, 400, "invalid-events", "/key: key is 2048 bytes of UTF-8, over the limit of 1024");
        assertThat(written()).isEqualTo(before);
        assertThat(send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "é".repeat(512)))).statusCode())
                .isEqualTo(201);
    }

    @ParameterizedTest(name = "key with {0}")
    @ValueSource(strings = {"\\u0000", "\\u001b", "\\u007f", "\\ud800", "\\udfff"})
    void shouldRefuseAKeyWithAControlCharacterOrALoneSurrogate(String escaped) throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "a" + escaped + "b")));

        assertProblem(response, 400, "invalid-events", "/key");
        assertThat(written()).isEqualTo(before);
    }

    // ---- already handled before issue 16, kept

    @Test
    void shouldAnswer400ForMalformedJsonNamingWhereItBroke() throws Exception {
        long before = written();

        assertProblem(send(fixture, json(IntakeFixture.TOKEN, "{\"meta\": {")), 400, "malformed-json", "line 1");
        assertProblem(send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k") + " trailing")), 400,
                "malformed-json", "not JSON");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldAnswer400ForAWrongTypeNamingTheField() throws Exception {
        long before = written();

        assertProblem(send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k", ", \"revision\": \"42\""))), 400,
                "invalid-events", "/revision");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldAnswer400ForAnUnknownStreamNamingIt() throws Exception {
        long before = written();

        assertProblem(send(fixture, json(IntakeFixture.TOKEN, event("nope", "k"))), 400, "invalid-events",
                "/meta/stream: unknown stream 'nope'");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldAnswer403ForAStreamTheProducerMayNotPublishTo() throws Exception {
        long before = written();

        assertProblem(send(fixture, json(IntakeFixture.TOKEN, event(BIG, "k"))), 403, "stream-not-allowed",
                "/meta/stream: producer 'writer' may not publish to stream '" + BIG + "'");
        assertThat(written()).isEqualTo(before);
    }

    @ParameterizedTest(name = "session token {0}")
    @ValueSource(strings = {"v1.0.AAAA.test-key.AAAAAAAAAAAAAAAAAAAAAA", "garbage", "v1.1.%%%.x.y"})
    void shouldAnswer400ForAForgedOrGarbageSessionToken(String token) throws Exception {
        long before = written();

        HttpResponse<String> response = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k")).header(
                "Ripple-Session-Token", token));

        JsonNode problem = assertProblem(response, 400, "invalid-session-token", "token");
        assertThat(problem.get("reason").asText()).isNotBlank();
        assertThat(written()).isEqualTo(before);
    }

    // ---- helpers

    private static String topic(String stream) {
        return "ripple.stream." + stream;
    }

    /** Records on every stream topic of the default fixture. */
    private static long written() throws Exception {
        return fixture.recordsOn(topic(STREAM)) + fixture.recordsOn(topic(STREAM + "-other"))
                + fixture.recordsOn(topic(BIG));
    }

    private static double hashes() {
        var counter = metrics.find(IntakeMetricNames.TOKEN_HASHES).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double limitHits(String limit) {
        var counter = metrics.find(IntakeMetricNames.LIMIT_HITS).tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }
}
