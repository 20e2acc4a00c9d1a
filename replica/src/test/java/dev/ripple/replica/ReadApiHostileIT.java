package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.ResourceKeys;
import dev.ripple.testsupport.ProblemAssertions;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a hostile producer or reader can send the read API: bodies that are pages with scripts, content types that
 * are not media types, garbage and forged tokens, huge and odd keys (the longest the intake accepts is served, even
 * beside the longest token). Every answer is inert in a browser
 * ({@code Content-Security-Policy: sandbox; default-src 'none'}, {@code nosniff}) and every refusal a problem.
 */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class ReadApiHostileIT {
    private static final String PAGE = "<html><body><script>fetch('/api/config/entry?key=/ripple/regions/eqiad', "
            + "{method: 'PUT', body: 'name: pwned'}); document.title = 'pwned';</script></body></html>";
    private static ReplicaHarness harness;
    private static WritePath.Ack page;
    private static WritePath.Ack forged;

    @BeforeAll
    static void start(EmbeddedKafka kafka, RedisProcess redis) {
        harness = new ReplicaHarness(kafka, redis, List.of("eqiad"), 6, Map.of(), new HistoryRecorder());
        harness.awaitReady();
        page = harness.feed.writeTyped("enwiki:Evil_Page", "text/html", PAGE, null);
        forged = harness.feed.writeTyped("enwiki:Forged_Type", "text/html\nSet-Cookie: session=stolen", "<b>x</b>",
                null);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.converged(List.of(page.dot(), forged.dot())));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void shouldServeAStoredPageWithAScriptInertInABrowser() {
        ReadClient.Result result = harness.client.read("eqiad", "enwiki:Evil_Page", page.token());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo(PAGE);
        assertThat(result.header("Content-Type")).startsWith("text/html");
        assertInert(result);
    }

    @Test
    void shouldServeAContentTypeThatIsNoMediaTypeAsOctetStreamAndInjectNoHeader() {
        ReadClient.Result result = harness.client.read("eqiad", "enwiki:Forged_Type", forged.token());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(result.header("Set-Cookie")).isNull();
        assertInert(result);
    }

    @Test
    void shouldAnswerGarbageAndForgedTokensWith400Problems() throws Exception {
        String tampered = page.token().substring(0, page.token().length() - 6) + "AAAAAA";
        String huge = "v1.1." + "A".repeat(8_000);
        String junk = "v1.1." + Base64.getUrlEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff, 7});
        for (String token : List.of("garbage", tampered, huge, junk, "v9.9.x", "....")) {
            ReadClient.Result result = harness.client.read("eqiad", "enwiki:Evil_Page", token);
            assertProblem(result, 400, "invalid-session-token");
        }
    }

    @Test
    void shouldAnswerHugeAndOddKeysAndRegionsWithProblemsNotErrors() throws Exception {
        assertProblem(harness.client.read("eqiad", "k".repeat(1025), null), 400, "invalid-key");
        assertProblem(harness.client.read("eqiad", "é".repeat(513), null), 400, "invalid-key");
        assertProblem(harness.client.read("eqiad", "../../api/config/entries", null), 404, "object-not-found");
        assertProblem(harness.client.read("eqiad", "key <script>\"'\u2028", null), 404, "object-not-found");
        JsonNode region = assertProblem(harness.client.read("%3Cscript%3Ealert(1)%3C", "k", null), 404,
                "unknown-region");
        assertThat(region.get("detail").asText()).contains("is served here");
    }

    @Test
    void shouldServeTheLongestKeyTheIntakeAcceptsPercentEncodedAlongsideTheLongestToken() throws Exception {
        // given the longest key the intake accepts, of multi-byte characters and characters that must be escaped in a
        // path, so that nearly every one of its 1,024 bytes is three characters of URL
        StringBuilder built = new StringBuilder("enwiki:C++ a/b?c#d%e;f=g&h ");
        while (built.toString().getBytes(StandardCharsets.UTF_8).length + 4 <= ResourceKeys.MAX_BYTES) {
            built.append("\ud83d\ude00");
        }
        while (built.toString().getBytes(StandardCharsets.UTF_8).length < ResourceKeys.MAX_BYTES) {
            built.append('/');
        }
        String key = built.toString();
        assertThat(ResourceKeys.problem(key)).isEmpty();
        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(ResourceKeys.MAX_BYTES);
        assertThat(ResourceKeys.pathSegment(key)).hasSizeGreaterThan(3_000);
        WritePath.Ack ack = harness.feed.writeTyped(key, "text/plain", "longest", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.converged(List.of(ack.dot())));

        // when it is read with its session token, then it is served
        ReadClient.Result read = harness.client.read("eqiad", key, ack.token());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("longest");

        // and with a token of the longest the read API reads, the read API itself answers (no 431 or 414 from Jetty)
        String longest = "v1.1." + "A".repeat(SessionTokenCodec.MAX_TOKEN_CHARS - 5);
        assertProblem(harness.client.read("eqiad", key, longest, Map.of("Ripple-On-Violation", "wait=200",
                "Ripple-Max-Staleness", "ms=1000")), 400, "invalid-session-token");
    }

    @Test
    void shouldReadAPlusInThePathAsAPlusNotASpace() throws Exception {
        WritePath.Ack ack = harness.feed.writeTyped("enwiki:C++ and AC/DC", "text/plain", "rock", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.converged(List.of(ack.dot())));

        assertThat(harness.client.read("eqiad", "enwiki:C++ and AC/DC", ack.token()).body()).isEqualTo("rock");
        // URLEncoder's form encoding writes the spaces as '+', which a path keeps: another key, not found
        HttpResponse<String> form = harness.client.get("/v1/regions/eqiad/objects/"
                + URLEncoder.encode("enwiki:C++ and AC/DC", StandardCharsets.UTF_8));
        assertThat(form.statusCode()).isEqualTo(404);
        assertThat(form.body()).contains("object-not-found");
    }

    private static void assertInert(ReadClient.Result result) {
        assertThat(result.header("Content-Security-Policy")).contains("sandbox").contains("default-src 'none'");
        assertThat(result.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static JsonNode assertProblem(ReadClient.Result result, int status, String type) throws Exception {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        assertInert(result);
        return ProblemAssertions.assertProblem(result.header("Content-Type"), result.body(), status, type);
    }
}
