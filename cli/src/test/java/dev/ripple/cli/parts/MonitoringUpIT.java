package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.cli.Cli;
import dev.ripple.cli.deploy.Promtool;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring inside a running 'ripple up': beside up's own replicas, a stand-in replica group for drmrs, a region up
 * does not run (a plain consumer named as that region's replica would be), consumes some events and stops, then more
 * are published. The stand-in has a group of its own: in one of up's groups it would share partitions and commits
 * with a live applier, and its lag would be whatever the two left.
 */
class MonitoringUpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GROUP = "ripple-replica-drmrs";
    private static RippleUp up;
    private static UpEndpoints endpoints;

    @BeforeAll
    static void start(@TempDir Path home) throws Exception {
        up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        endpoints = up.start();
        publish(3);
        try (KafkaConsumer<String, String> replica = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka(), ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            replica.subscribe(List.of("ripple.stream.edits"));
            int[] read = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> (read[0] += replica.poll(Duration.ofMillis(100))
                    .count()) >= 3);
            replica.commitSync();
        }
        publish(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> standIn().path("lag").asLong() == 2);
    }

    @AfterAll
    static void stop() {
        up.close();
    }

    @Test
    void shouldServeMetricsThatPassPromtoolCheckMetrics() throws Exception {
        String scrape = text("/metrics");

        Promtool.Result result = Promtool.run(scrape, "check", "metrics");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isBlank();
        assertThat(scrape).contains("ripple_consumer_group_time_lag_seconds{", "ripple_consumer_group_lag_records{",
                "ripple_consumer_group_status{", "ripple_intake_events_published_total", "ripple_config_documents",
                "ripple_stream_end_offset_records{stream=\"edits\"} 5.0", "ripple_dlq_depth_records{consumer=\"intake\"}");
    }

    @Test
    void shouldListTheThreeDemoRegionsAndTheExactLagOfAGroupThatStopped() throws Exception {
        JsonNode regions = get("/api/regions").path("regions");

        // the demo config's three, and drmrs, known from its replica group alone
        assertThat(regions.findValuesAsText("name")).containsExactly("codfw", "drmrs", "eqiad", "esams");
        // each region shows its replica's consumer group
        for (JsonNode region : regions) {
            assertThat(region.path("replication").path("group").asText()).startsWith("ripple")
                    .contains("replica", region.path("name").asText());
        }
        // and the stand-in group that stopped reading shows its exact lag
        JsonNode standIn = standIn();
        assertThat(standIn.path("lag").asLong()).isEqualTo(2);
        assertThat(standIn.path("time_lag_ms").asLong()).isPositive();
    }

    @Test
    void shouldServeConfiguredConitsWithTheTrackersStatusPerRegion() throws Exception {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/conits").path("tracking").asBoolean());
        JsonNode conits = get("/api/conits");

        assertThat(conits.path("conits").get(0).path("name").asText()).isEqualTo("enwiki-pages");
        assertThat(conits.path("conits").get(0).path("bounds").path("staleness_ms").asLong()).isEqualTo(5000);
        assertThat(conits.path("conits").get(0).path("status").findValuesAsText("region"))
                .containsExactlyInAnyOrder("eqiad", "codfw", "esams");
        assertThat(get("/api/dlq").path("queues").findValuesAsText("consumer")).contains("intake");
    }

    @Test
    void shouldShowLagAndStatusFromTheCommandLine() {
        CommandRun lag = Cli.ripple("lag", "--url", endpoints.http(), "--group", GROUP);
        CommandRun status = Cli.ripple("status", "--url", endpoints.http());

        assertThat(lag.exitCode()).as(lag.err()).isZero();
        assertThat(lag.out()).contains("GROUP", GROUP, "drmrs", "PARTITION", "ripple.stream.edits-");
        // the stand-in drmrs replica stopped reading: the one line an SRE reads first says so, and the exit code too
        assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
        assertThat(status.out()).contains("NOT HEALTHY (group " + GROUP + " STOP)", "codfw", "eqiad", "esams", GROUP,
                "intake: 5 published, 0 refused", "enwiki-pages");
    }

    @Test
    void shouldGiveEveryMetricFamilyAHelpTextThatIsNotItsName() throws Exception {
        String scrape = text("/metrics");

        // every "# HELP name text" line: the text says what the family counts, it does not repeat the name
        List<String> undescribed = scrape.lines().filter(line -> line.startsWith("# HELP ")).filter(line -> {
            String[] help = line.substring("# HELP ".length()).split(" ", 2);
            String name = help[0];
            String text = help.length < 2 ? "" : help[1].strip();
            String asName = text.replace('.', '_');
            return text.isEmpty() || asName.equals(name) || !text.contains(" ") && name.startsWith(asName);
        }).toList();

        assertThat(scrape).contains("# HELP ripple_intake_events_published_total ",
                "ripple_intake_limit_bytes{limit=\"max_body\"}");
        assertThat(undescribed).as("families whose HELP is empty or their own name").isEmpty();
        // and a unit is in a family's name, never in a label value (limit="coalesce_window_ms" was one)
        assertThat(scrape).doesNotContainPattern("=\"[a-z_]*_(ms|bytes|seconds)\"");
    }

    @Test
    void shouldPrintOneJsonDocumentAndNothingElseFromEveryReadCommandAskedForJson() throws Exception {
        CommandRun status = Cli.ripple("status", "--url", endpoints.http(), "-o", "json");
        CommandRun lag = Cli.ripple("lag", "--url", endpoints.http(), "--group", GROUP, "--output", "json");
        CommandRun conits = Cli.ripple("conits", "--bootstrap-servers", endpoints.kafka(), "-o", "json");
        CommandRun dlq = Cli.ripple("dlq", "list", "intake", "--url", endpoints.http(), "-o", "json");

        assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
        assertThat(onlyJson(status.out()).path("regions").findValuesAsText("name")).contains("codfw", "eqiad",
                "esams");
        assertThat(lag.exitCode()).as(lag.err()).isZero();
        assertThat(onlyJson(lag.out()).path("groups").findValuesAsText("group")).containsExactly(GROUP);
        // 3 when a conit is out of bounds in a region: the exit code is the table's, whatever the format
        assertThat(conits.exitCode()).as(conits.err()).isIn(0, 3);
        assertThat(onlyJson(conits.out()).path("conits").isArray()).isTrue();
        assertThat(dlq.exitCode()).as(dlq.err()).isZero();
        assertThat(onlyJson(dlq.out()).path("records").isArray()).isTrue();
    }

    @Test
    void shouldPrintOneJsonDocumentPerLineWhenWatchingLagAsJson() throws Exception {
        CommandRun watch = Cli.ripple("lag", "--url", endpoints.http(), "--group", GROUP, "--watch", "--every", "2",
                "--count", "2", "-o", "json");
        CommandRun tooOften = Cli.ripple("lag", "--url", endpoints.http(), "--watch", "--every", "1");

        assertThat(watch.exitCode()).as(watch.err()).isZero();
        assertThat(watch.out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(onlyJson(line)
                .path("groups").findValuesAsText("group")).containsExactly(GROUP));
        assertThat(watch.out()).doesNotContain("\033[");
        // up samples every 2 s: a refresh every second would redraw each sample twice
        assertThat(tooOften.exitCode()).isEqualTo(2);
        assertThat(tooOften.err()).contains("--every 1 is below the lag sampling interval of the ops server (2.0 s)");
        assertThat(tooOften.out()).isEmpty();
    }

    @Test
    void shouldFailNamingTheGroupsThereAreWhenAskedForAGroupThatIsNot() {
        CommandRun lag = Cli.ripple("lag", "--url", endpoints.http(), "--group", "nope");

        assertThat(lag.exitCode()).isNotZero();
        assertThat(lag.err()).contains("No Ripple consumer group named 'nope'", GROUP);
    }

    private static void publish(int events) throws Exception {
        for (int i = 0; i < events; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http()
                    + "/v1/events")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"meta\": {\"stream\": \"edits\"}, \"key\": \"enwiki:Page" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    /** The one JSON document {@code out} holds; fails on anything before or after it. */
    private static JsonNode onlyJson(String out) throws Exception {
        return new ObjectMapper().readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue(out);
    }

    private static JsonNode standIn() throws Exception {
        return StreamSupport.stream(get("/api/lag").path("groups").spliterator(), false)
                .filter(g -> g.path("group").asText().equals(GROUP)).findFirst()
                .orElseGet(() -> new ObjectMapper().createObjectNode());
    }

    private static String text(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode get(String path) throws Exception {
        return new ObjectMapper().readTree(text(path));
    }
}
