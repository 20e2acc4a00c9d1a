package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.FillResult;
import dev.ripple.cli.Cli;
import dev.ripple.cli.PartProcess;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 on the production shape: {@code ripple up --processes} with its own prober process, and a second
 * {@code ripple probe} started as the README shows, following every key. A region whose applier is held loses its
 * nines within 1 s while the other keeps all of them, and gets them back once released; a stale
 * fill that lands in the cache after the purge is recorded at the cache-fill hop; the probes fill nothing and join
 * no consumer group.
 */
class ProbeUpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SERIES = Pattern.compile("^(ripple_probe_[a-z_]+)\\{([^}]*)} (\\S+)$",
            Pattern.MULTILINE);

    @Test
    void shouldDropOnlyAPausedRegionsNinesAndRecordAStaleFillAfterThePurge(@TempDir Path home) throws Exception {
        try (UpProcesses stack = UpProcesses.start(home, Map.of(), "--regions", "eqiad,codfw")) {
            UpEndpoints endpoints = new UpFile(home.resolve("up.json")).running().orElseThrow();
            assertThat(stack.pids).containsKey("probe");
            try (PartProcess probe = PartProcess.start(Map.of(), "probe", "--bootstrap-servers", endpoints.kafka(),
                    "--etcd", endpoints.etcd(), "--redis", endpoints.redis(), "--sample", "1", "--window", "10s",
                    "--read-api", "eqiad=http://127.0.0.1:8082",
                    "--read-api", "codfw=http://127.0.0.1:8092", "--port", "0");
                    CacheClient cache = CacheClient.connect(URI.create(endpoints.redis()), Duration.ofSeconds(5))) {
                String url = probe.await(Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/api/probe"),
                        Duration.ofSeconds(120));
                awaitReady(url);

                // given writes flowing, both regions serve every sampled write within 1 s
                Writer writer = new Writer(stack.token);
                writer.write(40);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, Double> m = scrape(url);
                    for (String region : List.of("eqiad", "codfw")) {
                        assertThat(judged(m, region, "1")).as(() -> region + " " + report(url))
                                .isGreaterThanOrEqualTo(30);
                        assertThat(consistent(m, region, "1")).as(region).isEqualTo(judged(m, region, "1"));
                    }
                });
                Map<String, Double> before = scrape(url);

                // when codfw's applier is held (starved by a Kafka fetch quota of a byte a second, as a stuck
                // consumer would be; its read API still answers) and writes go on
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafka()))) {
                    hold(admin, "codfw", 1.0);
                    try {
                        writer.write(40);
                        // then codfw's writes are judged not served within 1 s, while eqiad serves all of them
                        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                            Map<String, Double> m = scrape(url);
                            assertThat(judged(m, "codfw", "1") - judged(before, "codfw", "1"))
                                    .isGreaterThanOrEqualTo(30);
                            assertThat(consistent(m, "codfw", "1")).isEqualTo(consistent(before, "codfw", "1"));
                            assertThat(judged(m, "eqiad", "1") - judged(before, "eqiad", "1"))
                                    .isGreaterThanOrEqualTo(30);
                            assertThat(consistent(m, "eqiad", "1")).as(() -> report(url))
                                    .isEqualTo(judged(m, "eqiad", "1"));
                            assertThat(ratio(m, "codfw", "1")).isLessThan(0.5);
                            assertThat(ratio(m, "eqiad", "1")).isEqualTo(1.0);
                        });
                    } finally {
                        hold(admin, "codfw", null);
                    }
                }

                // and once it is released, its new writes are served in time again: the window's ratio recovers
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    writer.write(5);
                    assertThat(ratio(scrape(url), "codfw", "1")).isEqualTo(1.0);
                });

                // and the stall is kept with its hop: the propagator had routed those writes, codfw's applier had not
                // applied them
                CommandRun listing = Cli.ripple("probe", "inconsistencies", "--bootstrap-servers", endpoints.kafka(),
                        "--region", "codfw", "-o", "json");
                JsonNode held = EventJson.mapper().readTree(listing.out()).path("inconsistencies");
                assertThat(held).isNotEmpty().allSatisfy(i -> assertThat(i.path("hop").asText()).as(i.toString())
                        .isEqualTo("applier"));

                // when a stale fill races the purge of a newer revision: revision 1 is cached, revision 2 purges it,
                // and then an application that read revision 1 before the purge writes it back
                String key = "enwiki:Raced_Page";
                String cacheKey = "page:" + key;
                writer.publish(key, 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> read(8082, key) == 200);
                assertThat(cache.fill(cacheKey, 1, "revision 1", List.of(), Duration.ofMinutes(5)))
                        .isEqualTo(FillResult.FILLED);
                writer.publish(key, 2);
                await().atMost(Duration.ofSeconds(30)).until(() -> cache.tombstone(cacheKey).orElse(0L) >= 2);
                new ProcessBuilder("redis-cli", "-u", endpoints.redis(), "HSET", cacheKey, "rev", "1", "value",
                        "revision 1 (stale)").inheritIO().start().waitFor();

                // then the prober records it at the cache-fill hop, in each region whose cache holds it
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    CommandRun list = Cli.ripple("probe", "inconsistencies", "--bootstrap-servers",
                            endpoints.kafka(), "--hop", "cache-fill", "-o", "json");
                    JsonNode found = EventJson.mapper().readTree(list.out()).path("inconsistencies");
                    assertThat(found).anySatisfy(i -> {
                        assertThat(i.path("key").asText()).isEqualTo(key);
                        assertThat(i.path("target").asText()).isEqualTo("purge/cache");
                        assertThat(i.path("revision").asLong()).isEqualTo(2);
                        assertThat(i.path("observed").asText()).contains("holds revision 1");
                    });
                });

                // and probing changed nothing it read: no cache entry for the keys it checked, no consumer group
                assertThat(cache.get("page:" + writer.keys.get(0))).isEmpty();
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafka()))) {
                    assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
                            .noneMatch(g -> g.contains("prob"));
                }
            }
        }
    }

    /** Publishes edits of fresh keys, one per request, through the stack's intake. */
    private static final class Writer {
        final String token;
        final List<String> keys = new ArrayList<>();

        Writer(String token) {
            this.token = token;
        }

        void write(int count) throws Exception {
            for (int i = 0; i < count; i++) {
                String key = "enwiki:Probe_" + keys.size();
                keys.add(key);
                publish(key, 1);
                Thread.sleep(50);
            }
        }

        void publish(String key, long revision) throws Exception {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:8081/v1/events")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, \"key\": \"" + key
                                    + "\", \"revision\": " + revision + ", \"content_type\": \"text/plain\", "
                                    + "\"body\": \"r" + revision + "\"}")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        }
    }

    private static void awaitReady(String url) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(
                URI.create(url + "/readyz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static int read(int port, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/regions/eqiad/objects/"
                + key)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String report(String url) {
        try {
            return get(url + "/api/probe").toString();
        } catch (Exception e) {
            return "(no report: " + e + ")";
        }
    }

    private static JsonNode get(String url) throws Exception {
        return EventJson.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The prober's series on {@code /metrics}: {@code name{labels}} → value. */
    static Map<String, Double> scrape(String url) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> series = new HashMap<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            series.put(m.group(1) + "{" + m.group(2) + "}", Double.parseDouble(m.group(3)));
        }
        return series;
    }

    private static double judged(Map<String, Double> m, String region, String within) {
        return value(m, "ripple_probe_judged_total", region, within);
    }

    private static double consistent(Map<String, Double> m, String region, String within) {
        return value(m, "ripple_probe_consistent_within_total", region, within);
    }

    private static double ratio(Map<String, Double> m, String region, String within) {
        return value(m, "ripple_probe_consistent_within_ratio", region, within);
    }

    private static double value(Map<String, Double> m, String name, String region, String within) {
        String labels = "region=\"" + region + "\",target=\"replica\",within=\"" + within + "\"";
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(labels))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(0);
    }

    /** Sets (or with null, removes) a fetch quota on the region's applier, whose client id names it. */
    private static void hold(Admin admin, String region, Double bytesPerSecond) throws Exception {
        ClientQuotaEntity applier = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "ripple-replica-"
                + region));
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(applier, List.of(new ClientQuotaAlteration.Op(
                "consumer_byte_rate", bytesPerSecond))))).all().get();
    }
}
