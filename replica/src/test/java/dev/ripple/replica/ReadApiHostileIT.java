package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.testsupport.ProblemAssertions;
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
 * are not media types, garbage and forged tokens, huge and odd keys. Every answer is inert in a browser
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
