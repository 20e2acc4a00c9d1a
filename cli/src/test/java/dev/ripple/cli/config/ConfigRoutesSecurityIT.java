package dev.ripple.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.cli.Cli;
import dev.ripple.cli.RawHttp;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConfigWrites;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.Entry;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.RippleHttpServer;
import dev.ripple.testsupport.CommandRun;
import dev.ripple.testsupport.ProblemAssertions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile writers of the config API (DESIGN.md 13): a page on another origin in an operator's browser, a
 * {@code text/plain} or form body (sent without a CORS preflight), a DNS-rebound host name, a missing or wrong
 * admin token. Each is refused with a problem document and the store holds every document as before; the same
 * write sent properly goes through. Producers' token hashes are not read without the admin token.
 */
class ConfigRoutesSecurityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin-s3cret-token";
    private static final String PRODUCER = "/ripple/producers/wiki";
    private static final String WIPE = "/api/config/import?sync=true";

    private ConfigStore store;
    private ConfigView view;
    private RippleHttpServer server;

    private void start(AdminToken admin) {
        store = ConfigStore.inMemory();
        DemoConfig.seed(store);
        ConfigWrites.put(store, PRODUCER, "{token: wiki.producer-token-of-16-chars, streams: [edits]}",
                ConfigWrites.ANY_REVISION);
        view = ConfigView.open(store, Clock.systemUTC());
        server = RippleHttpServer.start("127.0.0.1", 0, List.of(ConfigRoutes.routes(store, view, Clock.systemUTC(),
                admin)));
    }

    @AfterEach
    void stop() {
        server.close();
        view.close();
        store.close();
    }

    @Test
    void shouldRefuseCrossOriginAndNonJsonWritesWithoutATokenAndChangeNothing() throws Exception {
        // given ripple up's guard (no admin token: same-origin JSON or YAML from this machine)
        start(AdminToken.orLoopback(null));
        Map<String, String> before = documents();

        // when a page on another origin, or a simple (preflight-free) request, tries to wipe or change the config
        RawHttp.Answer textPlain = send("POST", WIPE, "{}", Map.of("Content-Type", "text/plain"));
        RawHttp.Answer form = send("PUT", "/api/config/entry?key=/ripple/regions/x", "name=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        RawHttp.Answer untyped = send("POST", WIPE, "{}", Map.of());
        RawHttp.Answer otherOrigin = send("POST", WIPE, "{}", Map.of("Content-Type", "application/json",
                "Origin", "http://evil.example"));
        RawHttp.Answer opaqueOrigin = send("POST", WIPE, "{}", Map.of("Content-Type", "application/json",
                "Origin", "null"));
        RawHttp.Answer crossSite = send("DELETE", "/api/config/entries?prefix=/ripple/", null,
                Map.of("Sec-Fetch-Site", "cross-site"));
        RawHttp.Answer sameSite = send("DELETE", "/api/config/entry?key=" + PRODUCER, null,
                Map.of("Sec-Fetch-Site", "same-site"));
        RawHttp.Answer rebound = send("POST", WIPE, "{}", Map.of("Content-Type", "application/json",
                "Host", "evil.example"));

        // then each is refused with its problem, and every document is as it was
        assertProblem(textPlain, 415, "unsupported-media-type");
        assertProblem(form, 415, "unsupported-media-type");
        assertProblem(untyped, 415, "unsupported-media-type");
        assertProblem(otherOrigin, 403, "cross-origin");
        assertProblem(opaqueOrigin, 403, "cross-origin");
        assertProblem(crossSite, 403, "cross-origin");
        assertProblem(sameSite, 403, "cross-origin");
        assertProblem(rebound, 403, "forbidden");
        assertThat(documents()).isEqualTo(before).hasSizeGreaterThan(5);

        // when the same write comes from the server's own origin as YAML, it goes through
        RawHttp.Answer sameOrigin = send("PUT", "/api/config/entry?key=/ripple/regions/ulsfo", "name: ulsfo",
                Map.of("Content-Type", "application/yaml; charset=utf-8", "Origin", server.url(),
                        "Sec-Fetch-Site", "same-origin"));
        assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(store.get("/ripple/regions/ulsfo")).isPresent();
    }

    @Test
    void shouldRequireTheAdminTokenForEveryWriteWhenOneIsSetWithTheBearerSchemeInAnyCase() throws Exception {
        start(AdminToken.orLoopback(TOKEN));
        Map<String, String> before = documents();

        RawHttp.Answer none = send("POST", WIPE, "{}", Map.of("Content-Type", "application/json"));
        RawHttp.Answer wrong = send("DELETE", "/api/config/entries?prefix=/ripple/", null,
                Map.of("Authorization", "Bearer not-the-token"));
        RawHttp.Answer basic = send("DELETE", "/api/config/entry?key=" + PRODUCER, null,
                Map.of("Authorization", "Basic " + TOKEN));

        assertProblem(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(wrong, 401, "unauthorized");
        assertProblem(basic, 401, "unauthorized");
        assertThat(documents()).isEqualTo(before);

        RawHttp.Answer lower = send("PUT", "/api/config/entry?key=/ripple/regions/ulsfo", "{\"name\": \"ulsfo\"}",
                Map.of("Content-Type", "application/json", "Authorization", "bearer " + TOKEN));
        RawHttp.Answer upper = send("DELETE", "/api/config/entry?key=/ripple/regions/ulsfo", null,
                Map.of("Authorization", "BEARER " + TOKEN));
        assertThat(lower.status()).as(lower.body()).isEqualTo(200);
        assertThat(upper.status()).as(upper.body()).isEqualTo(200);
        assertThat(documents()).isEqualTo(before);
    }

    @Test
    void shouldRedactProducerTokenHashesUnlessTheAdminTokenIsGivenAndKeepTheHashOnAnEditRoundTrip() throws Exception {
        start(AdminToken.orLoopback(TOKEN));
        String hash = JSON.readTree(store.get(PRODUCER).orElseThrow().value()).get("token_hash").asText();
        assertThat(hash).startsWith("pbkdf2-sha256$");

        // reads without the token, raw and through the CLI, see no hash
        RawHttp.Answer entry = send("GET", "/api/config/entry?key=" + PRODUCER, null, Map.of());
        RawHttp.Answer listing = send("GET", "/api/config/entries?prefix=/ripple/", null, Map.of());
        CommandRun get = Cli.ripple("config", "get", PRODUCER, "--up", server.url());
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.body()).doesNotContain(hash).contains(ProducerSecrets.REDACTED);
        assertThat(listing.body()).doesNotContain(hash).contains(ProducerSecrets.REDACTED, "/ripple/regions/eqiad");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).doesNotContain(hash).contains(ProducerSecrets.REDACTED, "edits");

        // with the token, the CLI reads it, and a redacted document written back keeps the hash
        CommandRun admin = Cli.ripple("config", "get", PRODUCER, "--up", server.url(), "--admin-token", TOKEN);
        assertThat(admin.out()).contains(hash);
        String edited = JSON.readTree(entry.body()).get("value").asText().replace("[\"edits\"]",
                "[\"edits\"],\"rate_per_second\":50");
        CommandRun put = Cli.ripple("config", "put", PRODUCER, "--up", server.url(), "--admin-token", TOKEN, edited);
        assertThat(put.exitCode()).as(put.err()).isZero();
        JsonNode stored = JSON.readTree(store.get(PRODUCER).orElseThrow().value());
        assertThat(stored.get("token_hash").asText()).isEqualTo(hash);
        assertThat(stored.get("rate_per_second").asDouble()).isEqualTo(50.0);

        // and without the token the CLI's write is refused with the reason
        CommandRun refused = Cli.ripple("config", "delete", PRODUCER, "--up", server.url());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("admin token");
        assertThat(store.get(PRODUCER)).isPresent();
    }

    @Test
    void shouldBoundLongPollingWatchersSoHealthStillAnswers() throws Exception {
        start(AdminToken.orLoopback(null));
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < ConfigRoutes.MAX_WATCHES + 8; i++) {
            polls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/config/watch?prefix=/ripple/nothing/&timeout_ms=3000")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        RawHttp.Answer health = send("GET", "/healthz", null, Map.of());
        List<HttpResponse<String>> answers = polls.stream().map(
                CompletableFuture::join).toList();

        assertThat(health.status()).isEqualTo(200);
        assertThat(answers).filteredOn(r -> r.statusCode() == 503).isNotEmpty().allSatisfy(r -> {
            assertThat(r.body()).contains("too-many-watches");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        });
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSizeGreaterThanOrEqualTo(1);
    }

    private Map<String, String> documents() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Entry e : store.list("/ripple/").entries()) {
            all.put(e.key(), e.value());
        }
        return all;
    }

    private RawHttp.Answer send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        return RawHttp.send(server.port(), method, path, headers, body);
    }

    private static void assertProblem(RawHttp.Answer response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        ProblemAssertions.assertProblem(response.header("Content-Type"), response.body(), status, type);
    }
}
