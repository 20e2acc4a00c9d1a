package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgeListener;
import dev.ripple.cachepurger.PurgeReceipt;
import dev.ripple.cli.Cli;
import dev.ripple.cli.deploy.GrafanaDashboard;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.monitor.dashboard.DashboardSources;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.CommandRun;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness inside a running 'ripple up': {@code /readyz}, {@code ripple_component_up} and the dashboard tell when
 * a part of the process stops, and revision-less edits (issue 16, item 1) stop none of them.
 */
class ReadinessUpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RippleUp up;
    private UpEndpoints endpoints;

    @BeforeEach
    void start(@TempDir Path home) {
        up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        endpoints = up.start();
    }

    @AfterEach
    void stop() {
        up.close();
    }

    @Test
    void shouldKeepEveryPurgerPurgingAfterTenRevisionlessEditsOfOneKeyCloseTogether() throws Exception {
        Set<String> purged = ConcurrentHashMap.newKeySet();
        PurgeListener listener = new PurgeListener() {
            @Override
            public void purged(PurgeReceipt receipt) {
                purged.add(receipt.region() + " " + receipt.key());
            }
        };
        for (CachePurger purger : up.purgers()) {
            purger.addListener(listener);
        }

        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i == 0 ? "" : ",").append(edit("enwiki:Hot_Page"));
        }
        assertThat(post(batch.append("]").toString()).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> purged.containsAll(List.of("eqiad enwiki:Hot_Page",
                "codfw enwiki:Hot_Page", "esams enwiki:Hot_Page")));
        assertThat(post(edit("enwiki:Cold_Page")).statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> purged.containsAll(List.of("eqiad enwiki:Cold_Page",
                "codfw enwiki:Cold_Page", "esams enwiki:Cold_Page")));
        assertThat(up.purgers()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.RUNNING));
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldShowEveryRegionCardValueAndExportEveryMetricTheGrafanaDashboardAndAlertsName() throws Exception {
        // given traffic that is applied and purged in every region, and one refused event
        Set<String> purged = ConcurrentHashMap.newKeySet();
        up.purgers().forEach(p -> p.addListener(new PurgeListener() {
            @Override
            public void purged(PurgeReceipt receipt) {
                purged.add(receipt.region());
            }
        }));
        assertThat(post(edit("enwiki:Dashboard_Page")).statusCode()).isEqualTo(201);
        assertThat(post("{\"meta\": {\"stream\": \"nope\"}, \"key\": \"k\"}").statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> purged.size() == 3);

        // then every region card has its values (no "no data yet")
        await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(json(get("/api/regions"))
                .path("regions").spliterator(), false).allMatch(r -> r.path("applied_total").asDouble() >= 1
                && r.path("applied_latency").path("count").asLong() >= 1
                && r.path("applied_latency").path("p99_ms").asDouble() > 0
                && r.path("purged_latency").path("count").asLong() >= 1
                && r.path("purged_latency").path("p99_ms").asDouble() > 0
                && r.path("propagated_total").asDouble() >= 1));
        assertThat(json(get("/api/dashboard")).path("breakers").findValuesAsText("name"))
                .contains("eqiad/cache", "codfw/cache", "esams/cache");
        // and the fan-out backlog of the propagator in this process (none in progress), beside the derived lanes
        JsonNode fanout = json(get("/api/dashboard")).path("fanout");
        assertThat(fanout.path("dependents").isNumber()).as(fanout.toString()).isTrue();
        assertThat(fanout.path("fanouts").asDouble()).isZero();
        assertThat(json(get("/api/dashboard")).path("derived_lanes").isArray()).isTrue();

        // and every metric the Grafana dashboard and the alert rules name is on /metrics (the lag monitor's once it
        // has sampled the groups)
        Set<String> named = new TreeSet<>();
        for (String file : List.of("../deploy/grafana/ripple-dashboard.json",
                "../deploy/prometheus/ripple-alerts.yml")) {
            Matcher metric = Pattern.compile("ripple_[a-z_]+").matcher(Files.readString(Path.of(file)));
            while (metric.find()) {
                named.add(metric.group());
            }
        }
        // but the applier's HTTP target breakers, exported only by 'ripple replica --http-target' (HttpTargetIT reads
        // them): ripple up's replicas have no HTTP target
        named.remove("ripple_replica_target_breaker_state");
        assertThat(named).hasSizeGreaterThan(10);
        // and every meter the dashboard page reads (DashboardSources, by its dotted name), in Prometheus form
        for (Field field : DashboardSources.class.getFields()) {
            if (field.getType() == String.class && !field.getName().startsWith("TAG_")) {
                named.add(((String) field.get(null)).replace('.', '_'));
            }
        }
        // and the metric Grafana's $region variable lists its regions from has a series for each demo region
        String definition = GrafanaDashboard.regionVariable(GrafanaDashboard.read()).path("definition").asText();
        Matcher variable = Pattern.compile("label_values\\((ripple_[a-z_]+)\\{([^}]*)}, region\\)")
                .matcher(definition);
        assertThat(variable.matches()).as(definition).isTrue();
        String listed = variable.group(1);
        List<String> selector = List.of(variable.group(2).split(",\\s*"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = get("/metrics").body();
            assertThat(named).allSatisfy(name -> assertThat(scrape).as(name)
                    .containsPattern("(?m)^" + name + "(_total|_seconds_count)?[{ ]"));
            for (String region : List.of("codfw", "eqiad", "esams")) {
                assertThat(scrape.lines().filter(line -> line.startsWith(listed + "{")
                        && selector.stream().allMatch(line::contains) && line.contains("region=\"" + region + "\"")))
                        .as(definition + " lists " + region).isNotEmpty();
            }
        });
    }

    @Test
    void shouldReportAStoppedPurgerOnReadyzMetricsAndTheDashboard() throws Exception {
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(components(json(ready))).contains("purger esams up", "replica eqiad up", "propagator none up",
                "intake none up", "conits none up");
        assertThat(get("/metrics").body()).contains("ripple_component_up{component=\"purger\",region=\"esams\"} 1.0");

        CachePurger esams = up.purgers().stream().filter(p -> p.region().equals("esams")).findFirst().orElseThrow();
        esams.close();

        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(notReady);
        assertThat(problem.path("type").asText()).endsWith("/not-ready");
        assertThat(problem.path("detail").asText()).contains("purger esams (STOPPED)");
        assertThat(components(problem)).contains("purger esams down", "purger eqiad up");
        assertThat(get("/metrics").body()).contains("ripple_component_up{component=\"purger\",region=\"esams\"} 0.0",
                "ripple_component_up{component=\"purger\",region=\"eqiad\"} 1.0");
        assertThat(components(json(get("/api/dashboard")))).contains("purger esams down", "purger codfw up");
        CommandRun status = Cli.ripple("status", "--url", endpoints.http());
        assertThat(status.exitCode()).as(status.out()).isEqualTo(1);
        assertThat(status.out()).contains("NOT HEALTHY (purger esams down)").doesNotContain(": healthy");
    }

    private static List<String> components(JsonNode body) {
        List<String> seen = new ArrayList<>();
        StreamSupport.stream(body.path("components").spliterator(), false).forEach(c -> seen.add(
                c.path("component").asText() + " " + c.path("region").asText() + " "
                        + (c.path("up").asBoolean() ? "up" : "down")));
        return seen;
    }

    private static String edit(String key) {
        return "{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, \"key\": \"" + key + "\"}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http() + "/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }
}
