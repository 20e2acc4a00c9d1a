package dev.ripple.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.RawHttp;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.testsupport.ProblemAssertions;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hostile client can do to the HTTP server of 'ripple up' (every API on one port, default bounds): hold
 * connections open with bodies that trickle in, send what is not HTTP, headers or URIs too large, wrong methods.
 * Health, reads and publishes keep answering; every refusal is a problem document.
 */
class HostileHttpIT {
    private static final Logger log = LoggerFactory.getLogger(HostileHttpIT.class);
    private static final String EVENT = "{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, "
            + "\"key\": \"enwiki:Hostile\", \"revision\": 1}";
    private static RippleUp up;
    private static UpEndpoints endpoints;
    private static int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(@TempDir Path home) {
        up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))), Clock.systemUTC());
        endpoints = up.start();
        port = URI.create(endpoints.http()).getPort();
    }

    @AfterAll
    static void stop() {
        up.close();
    }

    @Test
    void shouldAnswerHealthAndPublishesWithinASecondWhileSlowBodiesHoldConnections() throws Exception {
        // given a warm intake (the first publish meets Kafka), then 260 connections trickling bodies, 1 byte / 5 s
        assertThat(publish().statusCode()).isEqualTo(201);
        try (SlowClients slow = SlowClients.start(port, "/v1/events", 260, 5_000, 30_000)) {
            // when health is asked every 100 ms and a publish every 0.5 s, for 15 s: while the bodies trickle in,
            // are cut, and come back
            long slowestHealth = 0;
            long slowestPublish = 0;
            double busiest = 0;
            for (int probe = 0; probe < 150; probe++) {
                long start = System.nanoTime();
                HttpResponse<String> health = get("/healthz");
                slowestHealth = Math.max(slowestHealth, (System.nanoTime() - start) / 1_000_000);
                assertThat(health.statusCode()).isEqualTo(200);
                if (probe % 5 == 0) {
                    start = System.nanoTime();
                    HttpResponse<String> published = publish();
                    slowestPublish = Math.max(slowestPublish, (System.nanoTime() - start) / 1_000_000);
                    assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
                    busiest = Math.max(busiest, busyThreads());
                }
                Thread.sleep(100);
            }

            // then each answered within 1 s, and the slow bodies were cut (408, counted) and came back
            assertThat(slowestHealth).as("the slowest GET /healthz, ms").isLessThan(1_000);
            assertThat(slowestPublish).as("the slowest publish, ms").isLessThan(1_000);
            assertThat(slow.reopened()).isPositive();
            // and the slow bodies never took the whole pool (before BodyBuffer, 260 of them took all 200 threads).
            // Under a loaded full test run up to 179 were seen busy at once: BodyBuffer does not keep every slow body
            // off a thread there — an open finding (see the closing note of issue 16's session), not a bound to hide
            assertThat(busiest).as("the most HTTP threads busy at once").isLessThan(200);
            log.info("260 slow connections ({} opened in all): slowest /healthz {} ms, slowest publish {} ms, at "
                    + "most {} threads busy", slow.opened(), slowestHealth, slowestPublish, busiest);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/metrics").body())
                .containsPattern("ripple_http_slow_requests_total [1-9]")
                .contains("ripple_http_connections_max 2000.0", "ripple_http_threads_max 200.0"));
    }

    @Test
    void shouldRefuseABodyWith503WhileBufferedBodiesHoldTheirMemoryLimitAndTakeItOnceFreed() throws Exception {
        // given a server whose buffered bodies may hold 4 KiB in all, and a client holding 3,000 bytes of them
        Metrics metrics = Metrics.create();
        HttpServerOptions small = HttpServerOptions.defaults().withBufferedBodyBytes(4096).withMaxBufferedBytes(4096);
        try (RippleHttpServer echo = RippleHttpServer.start("127.0.0.1", 0, small, List.of(config -> config.routes
                .post("/echo", ctx -> ctx.result(ctx.body()))));
                Socket holder = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
            metrics.bind(echo.metrics());
            holder.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n" + "a".repeat(3000))
                    .getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> value(metrics, ServerMetricNames.HTTP_BODY_BUFFERED) >= 3000);

            // when another body would pass the limit, it is refused, and counted
            RawHttp.Answer refused = RawHttp.send(echo.port(), "POST", "/echo", Map.of("Content-Type",
                    "application/json"), "b".repeat(2000));
            assertProblem(refused, 503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(metrics.registry().get(ServerMetricNames.HTTP_BODY_BUFFER_REFUSALS).functionCounter().count())
                    .isEqualTo(1.0);

            // when the held body completes, its memory is given back and the next body is taken
            holder.getOutputStream().write("a".repeat(1096).getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(holder.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(10)).until(() -> value(metrics, ServerMetricNames.HTTP_BODY_BUFFERED) == 0);
            RawHttp.Answer taken = RawHttp.send(echo.port(), "POST", "/echo", Map.of("Content-Type",
                    "application/json"), "b".repeat(2000));
            assertThat(taken.status()).isEqualTo(200);
            assertThat(taken.body()).isEqualTo("b".repeat(2000));
        }
    }

    private static double value(Metrics metrics, String gauge) {
        return metrics.registry().get(gauge).gauge().value();
    }

    @Test
    void shouldAnswerJettysOwnRefusalsAsProblems() throws Exception {
        assertProblem(RawHttp.exchange(port, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400);
        assertProblem(RawHttp.exchange(port, ("GET /healthz HTTP/3.7\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)), 505, 400);
        assertProblem(RawHttp.send(port, "GET", "/v1/regions/eqiad/objects/" + "k".repeat(20_000), Map.of(), null),
                414, 431);
        assertProblem(RawHttp.send(port, "GET", "/healthz", Map.of("X-Big", "b".repeat(20_000)), null), 431);
        assertProblem(RawHttp.send(port, "GET", "/v1/regions/eqiad/objects/nul%00key", Map.of(), null), 400);
        assertProblem(RawHttp.send(port, "GET", "/v1/regions/eqiad/objects/a%2F..%2F..%2Fapi", Map.of(), null),
                400, 404);
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndTheMethodsAllowed() throws Exception {
        RawHttp.Answer health = RawHttp.send(port, "DELETE", "/healthz", Map.of(), null);
        RawHttp.Answer events = RawHttp.send(port, "PUT", "/v1/events", Map.of("Content-Type", "application/json"),
                EVENT);
        RawHttp.Answer unknown = RawHttp.send(port, "DELETE", "/no/such/path", Map.of(), null);

        assertProblem(health, 405);
        assertThat(health.header("Allow")).contains("GET");
        assertProblem(events, 405);
        assertThat(events.header("Allow")).contains("POST");
        assertProblem(unknown, 404);
    }

    private double busyThreads() throws Exception {
        Matcher busy = Pattern.compile("(?m)^ripple_http_threads_busy (\\S+)$")
                .matcher(get("/metrics").body());
        assertThat(busy.find()).as("ripple_http_threads_busy in /metrics").isTrue();
        return Double.parseDouble(busy.group(1));
    }

    private HttpResponse<String> publish() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoints.http() + "/v1/events"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoints.http() + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(RawHttp.Answer answer, int... statuses) {
        assertThat(answer.status()).as(answer.body()).isIn(Arrays.stream(statuses).boxed().toList());
        ProblemAssertions.assertProblem(answer.header("Content-Type"), answer.body(), answer.status(), null);
    }
}
