package dev.ripple.monitor.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.Cli;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poison record, end to end on {@code ripple up}: the demo rule cannot expand its purge URL for an event
 * without {@code meta.domain}, so the propagator dead-letters it (depth 1, in records, though the propagator writes
 * its DLQ in transactions); an operator fixes the rule in config and replays the dead letter, the edit reaches its
 * region, and the DLQ is empty again (depth 0, nothing listed). A client's mistake (an unknown stream) is no dead
 * letter: it is kept in {@code ripple.refused.intake}, and the intake's DLQ stays at 0.
 */
class PoisonReplayIT {
    private static final Pattern RULE_SET_VERSION = Pattern.compile(
            "(?m)^ripple_propagator_rule_set_version(?:\\{[^}]*})? ([0-9.E+]+)$");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldDeliverADeadLetteredEditAfterItsRuleIsFixedAndItIsReplayed(@TempDir Path home) throws Exception {
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        String base = endpoints.http();
        try {
            // given an edit the demo rule cannot purge for (no meta.domain for its URL template)
            assertThat(post(base, "{\"meta\": {\"stream\": \"edits\"}, \"key\": \"enwiki:Poison\", \"revision\": 1,"
                    + " \"content_type\": \"text/plain\", \"body\": \"cured\"}").statusCode()).isEqualTo(201);

            // and a client's mistake: an event for a stream that does not exist
            HttpResponse<String> unknown = post(base, "{\"meta\": {\"stream\": \"nope\"}, \"key\": \"enwiki:Typo\"}");
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);

            // then the edit waits in the propagator's dead-letter queue, with the reason, and is not in any region
            await().atMost(Duration.ofSeconds(30)).until(() -> Cli.ripple("dlq", "list", "propagator", "--url", base)
                    .out().contains("enwiki:Poison"));
            assertThat(Cli.ripple("dlq", "list", "propagator", "--url", base).out()).contains("meta.domain");
            assertThat(read(base, "esams", "enwiki:Poison").statusCode()).isEqualTo(404);

            // and the DLQ's depth is one record
            await().atMost(Duration.ofSeconds(30)).until(() -> depth(base, "propagator") == 1);

            // and the client's mistake is among the intake's refusals, not in its DLQ, whose depth stays 0
            await().atMost(Duration.ofSeconds(30)).until(() -> Cli.ripple("dlq", "list", "intake", "--refused",
                    "--url", base).out().contains("enwiki:Typo"));
            Instant refusedBy = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse(get(base, "/api/dlq").path("at")
                    .asText()).isAfter(refusedBy));
            assertThat(depth(base, "intake")).isZero();
            assertThat(Cli.ripple("dlq", "list", "intake", "--url", base).out()).contains("ripple.dlq.intake is empty");

            // when the rule is fixed in config (a URL without the domain) and the propagator has reloaded it
            double before = ruleSetVersion(base);
            CommandRun fixed = Cli.ripple("config", "put", "--up", base, "/ripple/rules/page-edits", """
                    {"streams": ["edits"], "match": {"key": "^enwiki:(?<title>.+)$"},
                     "replicate": {"regions": ["*"]},
                     "purge": {"urls": ["https://en.example.org/wiki/{title}"], "keys": ["page:{key}"]}}""");
            assertThat(fixed.exitCode()).as(fixed.err()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> ruleSetVersion(base) > before);

            // and the dead letter is replayed
            CommandRun replay = Cli.ripple("dlq", "replay", "propagator", "--all", "--url", base);
            assertThat(replay.exitCode()).as(replay.err()).isZero();

            // then the edit reaches every region
            for (String region : new String[] {"eqiad", "codfw", "esams"}) {
                await().atMost(Duration.ofSeconds(30)).until(() -> read(base, region, "enwiki:Poison").statusCode()
                        == 200);
                assertThat(read(base, region, "enwiki:Poison").body()).isEqualTo("cured");
            }

            // and nothing is left in the DLQ: depth 0, and the list is empty
            await().atMost(Duration.ofSeconds(30)).until(() -> depth(base, "propagator") == 0);
            assertThat(Cli.ripple("dlq", "list", "propagator", "--url", base).out())
                    .contains("ripple.dlq.propagator is empty");
        } finally {
            up.close();
        }
    }

    private double ruleSetVersion(String base) throws Exception {
        Matcher m = RULE_SET_VERSION.matcher(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** The depth {@code /api/dlq} reports for a consumer's DLQ; -1 while it has none. */
    private long depth(String base, String consumer) throws Exception {
        for (JsonNode queue : get(base, "/api/dlq").path("queues")) {
            if (queue.path("consumer").asText().equals(consumer)) {
                return queue.path("depth").asLong();
            }
        }
        return -1;
    }

    private JsonNode get(String base, String path) throws Exception {
        return EventJson.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpResponse<String> post(String base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> read(String base, String region, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/regions/" + region + "/objects/" + key))
                .header("Ripple-On-Violation", "refuse").build(), HttpResponse.BodyHandlers.ofString());
    }
}
