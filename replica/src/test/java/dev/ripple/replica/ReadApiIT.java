package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionKeyring;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.testsupport.ProblemAssertions;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The read API's answers over HTTP: statuses, headers and RFC 9457 problem bodies. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class ReadApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ReplicaHarness harness;
    private static WritePath.Ack written;

    @BeforeAll
    static void start(EmbeddedKafka kafka, RedisProcess redis) {
        harness = new ReplicaHarness(kafka, redis, List.of("eqiad", "codfw"), 6, Map.of(), new HistoryRecorder());
        harness.awaitReady();
        written = harness.feed.write("enwiki:Main_Page", "<p>Main Page</p>", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.converged(List.of(written.dot())));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void shouldServeTheValueWithItsVersionTheMergedTokenAndWhereItWasServed() {
        ReadClient.Result result = harness.client.read("codfw", "enwiki:Main_Page", written.token());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("<p>Main Page</p>");
        assertThat(result.header("Content-Type")).startsWith("text/plain");
        assertThat(result.header("ETag")).isEqualTo("\"" + written.dot().offset() + "/" + written.dot() + "\"");
        assertThat(result.header("Ripple-Served-By")).startsWith("codfw; waited=");
        assertThat(result.header("Ripple-Staleness-Ms")).isEqualTo("0");
        assertThat(Position.fromJson(result.header("Ripple-Applied-Position")).covers(written.dot())).isTrue();
        assertThat(ReplicaHarness.TOKENS.decode(result.token(), 1).position().covers(written.dot())).isTrue();
    }

    @Test
    void shouldAnswerMalformedForgedAndForeignTokensWith400AndAnOlderEpochWith410() throws Exception {
        String forged = written.token().substring(0, written.token().length() - 3) + "AAA";
        String foreign = SessionTokenCodec.of(SessionKeyring.of("it", "another-secret-of-at-least-32-bytes!!"
                .getBytes(StandardCharsets.UTF_8))).encode(Position.of(1, written.dot().partition().topic(), 0, 1));
        String older = ReplicaHarness.TOKENS.encode(Position.of(0, written.dot().partition().topic(), 0, 1));

        assertProblem(read("garbage"), 400, "invalid-session-token");
        assertProblem(read(forged), 400, "invalid-session-token");
        assertProblem(read(foreign), 400, "invalid-session-token");
        assertProblem(read(older), 410, "stale-session-token");
    }

    @Test
    void shouldAnswerUnknownRegionsKeysAndBadHeadersWithTheirProblem() throws Exception {
        assertProblem(harness.client.read("ulsfo", "enwiki:Main_Page", null), 404, "unknown-region");
        assertProblem(harness.client.read("eqiad", "enwiki:No_Such_Page", null), 404, "object-not-found");
        assertProblem(harness.client.read("eqiad", "enwiki:Main_Page", null, Map.of("Ripple-On-Violation", "later")),
                400, "invalid-header");
        assertProblem(harness.client.read("eqiad", "enwiki:Main_Page", null, Map.of("Ripple-Max-Staleness", "s=1")),
                400, "invalid-header");
    }

    @Test
    void shouldAnswer409WithRetryAfterWhenTheSessionIsAheadOfEveryRegion() throws Exception {
        // given a token claiming a write no region has
        String ahead = ReplicaHarness.TOKENS.encode(Position.of(1, written.dot().partition().topic(),
                written.dot().partition().partition(), written.dot().offset() + 1_000));

        ReadClient.Result result = harness.client.read("eqiad", "enwiki:Main_Page", ahead,
                Map.of("Ripple-On-Violation", "wait=50"));

        JsonNode problem = assertProblem(result, 409, "session-not-available");
        assertThat(result.header("Retry-After")).isEqualTo("1");
        assertThat(result.header("Ripple-Redirect-Region")).isNull();
        assertThat(problem.get("detail").asText()).contains("has not yet applied what this session has seen");
    }

    @Test
    void shouldServeTheRegionsPositionAndKeysWithSlashes() throws Exception {
        WritePath.Ack slash = harness.feed.write("enwiki:AC/DC", "band", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.converged(List.of(slash.dot())));

        HttpResponse<String> position = harness.client.get("/v1/regions/eqiad/position");
        ReadClient.Result result = harness.client.read("eqiad", "enwiki:AC/DC", slash.token());

        assertThat(position.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(position.body());
        assertThat(body.get("region").asText()).isEqualTo("eqiad");
        assertThat(Position.fromJson(body.get("applied").toString()).covers(slash.dot())).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("band");
        assertThat(harness.client.get("/v1/regions/ulsfo/position").statusCode()).isEqualTo(404);
    }

    private static ReadClient.Result read(String token) {
        return harness.client.read("eqiad", "enwiki:Main_Page", token);
    }

    private static JsonNode assertProblem(ReadClient.Result result, int status, String type) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        JsonNode problem = ProblemAssertions.assertProblem(result.header("Content-Type"), result.body(), status, type);
        assertThat(problem.get("title").asText()).isNotBlank();
        return problem;
    }
}
