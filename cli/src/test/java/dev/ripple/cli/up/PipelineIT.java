package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.events.EventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline of {@code ripple up}: writes through the intake, propagated by Kafka Streams, applied in
 * three regions, read back with session tokens. Every operation is recorded as a History and checked.
 */
class PipelineIT {
    private static final String[] REGIONS = {"eqiad", "codfw", "esams"};
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldNeverServeASessionAnOlderValueThanItsOwnWriteInAnyRegion(@TempDir Path home) throws Exception {
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        List<Operation> operations = new ArrayList<>();
        Map<String, String> tokens = new HashMap<>();
        try {
            // when 10 sessions each write a key and at once read it in another region, 300 times
            for (int i = 0; i < 300; i++) {
                String session = "s" + (i % 10);
                String key = "enwiki:Page_" + (i % 25);
                String tokenIn = tokens.get(session);
                long start = System.currentTimeMillis();
                HttpResponse<String> written = post(endpoints.http(), key, i, tokenIn);
                long end = System.currentTimeMillis();
                assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
                String tokenOut = written.headers().firstValue("Ripple-Session-Token").orElseThrow();
                Dot dot = Dot.parse(EventJson.mapper().readTree(written.body()).at("/results/0/dot").asText());
                operations.add(new WriteOp("w" + i, session, key, start, end, WriteOp.Outcome.OK, dot,
                        position(up, tokenIn), position(up, tokenOut)));

                String region = REGIONS[(i + 1) % REGIONS.length];
                start = System.currentTimeMillis();
                HttpResponse<String> read = get(endpoints.http(), region, key, tokenOut);
                end = System.currentTimeMillis();

                // then every read is served, never with an older version than the session's own write
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                Dot served = Dot.parse(read.headers().firstValue("ETag").orElseThrow().replaceAll("^\"[^/]*/|\"$", ""));
                assertThat(served.compareTo(dot)).as("read of %s in %s after write %s", key, region, dot)
                        .isGreaterThanOrEqualTo(0);
                String newToken = read.headers().firstValue("Ripple-Session-Token").orElseThrow();
                boolean waited = !read.headers().firstValue("Ripple-Served-By").orElseThrow().endsWith("waited=0");
                operations.add(new ReadOp("r" + i, session, key, region, start, end,
                        waited ? ReadOp.Outcome.WAITED : ReadOp.Outcome.OK, served,
                        Position.fromJson(read.headers().firstValue("Ripple-Applied-Position").orElseThrow()),
                        position(up, tokenOut), position(up, newToken), null));
                tokens.put(session, newToken);
            }
        } finally {
            up.close();
        }

        // and the recorded history has no anomaly of any kind
        CheckReport report = HistoryChecker.create().check(new History(operations, Map.of(), false,
                dev.ripple.consistency.history.StalenessBound.UNBOUNDED));
        assertThat(report.ok()).as(report.toJson()).isTrue();
    }

    private static Position position(RippleUp up, String token) {
        return token == null ? null : up.tokens().decode(token, 1).position();
    }

    private HttpResponse<String> post(String base, String key, int revision, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + revision
                        + ", \"content_type\": \"text/plain\", \"body\": \"r" + revision + "\"}"));
        if (token != null) {
            request.header("Ripple-Session-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, String region, String key, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/regions/" + region + "/objects/" + key))
                .header("Ripple-Session-Token", token).header("Ripple-On-Violation", "wait=5000").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
