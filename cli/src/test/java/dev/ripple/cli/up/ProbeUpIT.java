package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.FillResult;
import dev.ripple.cli.Cli;
import dev.ripple.cli.PartProcess;
import dev.ripple.cli.deploy.AlertReplay;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 on the production shape: {@code ripple up --processes} with its own prober process, and a second
 * {@code ripple probe} started as the README shows, following every key. A region whose replica process is paused
 * loses its nines within 1 s while the other keeps them, and gets them back once resumed; a stale
 * fill that lands in the cache after the purge is recorded at the cache-fill hop; the probes fill nothing and join
 * no consumer group.
 */
class ProbeUpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String JUDGED = "ripple_probe_judged_total";
    private static final String CONSISTENT = "ripple_probe_consistent_within_total";
    private static final String RATIO = "ripple_probe_consistent_within_ratio";

    @Test
    void shouldDropOnlyAPausedRegionsNinesAndRecordAStaleFillAfterThePurge(@TempDir Path home) throws Exception {
        try (UpProcesses stack = UpProcesses.start(home, Map.of(), "--regions", "eqiad,codfw")) {
            UpEndpoints endpoints = new UpFile(home.resolve("up.json")).running().orElseThrow();
            assertThat(stack.pids).containsKey("probe");
            try (PartProcess probe = PartProcess.start(Map.of(), "probe", "--bootstrap-servers", endpoints.kafka(),
                    "--etcd", endpoints.etcd(), "--redis", endpoints.redis(), "--sample", "1", "--window", "20s",
                    "--ladder", "200ms,1s,10s,20s",
                    "--read-api", "eqiad=http://127.0.0.1:8082",
                    "--read-api", "codfw=http://127.0.0.1:8092", "--port", "0");
                    CacheClient cache = CacheClient.connect(URI.create(endpoints.redis()), Duration.ofSeconds(5))) {
                String url = probe.await(Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/api/probe"),
                        Duration.ofSeconds(120));
                awaitReady(url);

                // given writes flowing (after a warm-up), both regions serve every sampled write within 10 s
                Writer writer = new Writer(stack.token);
                List<Map<String, Double>> scrapes = new ArrayList<>();
                writer.write(30, 100);
                awaitJudged(url, scrapes, Map.of(), 25, "10");
                Map<String, Double> before = scrape(url, scrapes);
                writer.write(40, 100);
                Map<String, Double> flowing = awaitJudged(url, scrapes, before, 35, "10");
                for (String region : List.of("eqiad", "codfw")) {
                    assertThat(delta(flowing, before, CONSISTENT, region, "10")).as(() -> diagnosis(url, endpoints))
                            .isEqualTo(delta(flowing, before, JUDGED, region, "10"));
                }
                // and the prober read those writes in time for their first look (it lets writes gather for a fifth
                // of that delay between fetches): hardly any sample skipped as late
                String late = "ripple_probe_skipped_total{reason=\"late\"}";
                String samples = "ripple_probe_samples_total{stream=\"edits\"}";
                assertThat(flowing.getOrDefault(late, 0.0) - before.getOrDefault(late, 0.0))
                        .as(() -> diagnosis(url, endpoints))
                        .isLessThanOrEqualTo(0.1 * (flowing.get(samples) - before.get(samples)));

                // when codfw's replica process is paused (SIGSTOP: its applier and its read API stop, as a stalled
                // or swapped-out process would) and writes go on
                long codfw = stack.pids.get("replica codfw");
                Map<String, Double> held;
                signal("STOP", codfw);
                try {
                    writer.write(120, 50);
                    held = awaitJudged(url, scrapes, flowing, 110, "10");
                } finally {
                    signal("CONT", codfw);
                }
                // then none of codfw's writes was served within 1 s (nor 10 s), while eqiad served them all
                assertThat(delta(held, flowing, CONSISTENT, "codfw", "1")).isZero();
                assertThat(delta(held, flowing, CONSISTENT, "codfw", "10")).isZero();
                assertThat(value(held, RATIO, "codfw", "1")).isLessThan(0.5);
                assertThat(delta(held, flowing, CONSISTENT, "eqiad", "10")).as(() -> diagnosis(url, endpoints))
                        .isEqualTo(delta(held, flowing, JUDGED, "eqiad", "10"));
                assertThat(delta(held, flowing, CONSISTENT, "eqiad", "1") / delta(held, flowing, JUDGED, "eqiad", "1"))
                        .as(() -> diagnosis(url, endpoints)).isGreaterThanOrEqualTo(0.9);
                // and the SLO alert fires for codfw's replica on those counters, replayed through the real rules
                AlertReplay replay = AlertReplay.of(scrapes, home);
                replay.assertFires("RippleFreshnessBelowSlo", Map.of("region", "codfw", "target", "replica"));

                // and once it is resumed, its new writes are served in time again: the window's ratio recovers
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    writer.write(5, 50);
                    assertThat(value(scrape(url, scrapes), RATIO, "codfw", "1")).isEqualTo(1.0);
                });

                // and the stall is kept with its hop (the propagator had routed those writes; codfw's read API did not
                // answer), and marked served at the last look
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                    CommandRun listing = Cli.ripple("probe", "inconsistencies", "--bootstrap-servers",
                            endpoints.kafka(), "--region", "codfw", "-o", "json");
                    JsonNode stalls = EventJson.mapper().readTree(listing.out()).path("inconsistencies");
                    assertThat(stalls).anySatisfy(i -> {
                        assertThat(i.path("hop").asText()).isEqualTo("read-api");
                        assertThat(i.path("observed").asText()).contains("no answer from http://127.0.0.1:8092");
                        assertThat(i.path("resolved_within_s").asDouble()).isEqualTo(20.0);
                    });
                });

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

                // and hostile records on the stream leave it running: one that is not an event is counted unreadable,
                // a write without a revision is judged at the replicas only (a cache entry has nothing to compare)
                Process garbage = new ProcessBuilder("kcat", "-P", "-b", endpoints.kafka(), "-t", "ripple.stream.edits",
                        "-k", "enwiki:Garbage").start();
                garbage.getOutputStream().write("{not an event".getBytes(StandardCharsets.UTF_8));
                garbage.getOutputStream().close();
                assertThat(garbage.waitFor()).isZero();
                writer.publishUnrevised("enwiki:Unrevised");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Map<String, Double> m = scrape(url, scrapes);
                    assertThat(m.get("ripple_probe_skipped_total{reason=\"unreadable\"}")).isEqualTo(1.0);
                    assertThat(m.get("ripple_probe_skipped_total{reason=\"no-revision\"}")).isEqualTo(1.0);
                });
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
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

        /** {@code count} writes of fresh keys, {@code pauseMs} apart. */
        void write(int count, long pauseMs) throws Exception {
            for (int i = 0; i < count; i++) {
                String key = "enwiki:Probe_" + keys.size();
                keys.add(key);
                publish(key, 1);
                Thread.sleep(pauseMs);
            }
        }

        void publish(String key, long revision) throws Exception {
            post("{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, \"key\": \"" + key
                    + "\", \"revision\": " + revision + ", \"content_type\": \"text/plain\", \"body\": \"r" + revision
                    + "\"}");
        }

        void publishUnrevised(String key) throws Exception {
            post("{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, \"key\": \"" + key
                    + "\", \"content_type\": \"text/plain\", \"body\": \"no revision\"}");
        }

        private void post(String json) throws Exception {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:8081/v1/events")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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

    /** The prober's series on {@code /metrics}, kept in {@code scrapes} too: {@code name{labels}} → value. */
    private static Map<String, Double> scrape(String url, List<Map<String, Double>> scrapes) throws Exception {
        Map<String, Double> series = AlertReplay.parse(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body(), "ripple_probe_");
        scrapes.add(series);
        return series;
    }

    /** Scrapes until both regions' replicas have {@code count} more writes judged within {@code within} than in {@code since}. */
    private static Map<String, Double> awaitJudged(String url, List<Map<String, Double>> scrapes,
            Map<String, Double> since, int count, String within) {
        AtomicReference<Map<String, Double>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            last.set(scrape(url, scrapes));
            for (String region : List.of("eqiad", "codfw")) {
                assertThat(delta(last.get(), since, JUDGED, region, within)).as(() -> region + ", samples and skips "
                        + skips(last.get())).isGreaterThanOrEqualTo(count);
            }
        });
        return last.get();
    }

    private static double delta(Map<String, Double> now, Map<String, Double> then, String name, String region,
            String within) {
        return value(now, name, region, within) - value(then, name, region, within);
    }

    private static double value(Map<String, Double> m, String name, String region, String within) {
        return m.getOrDefault(name + "{region=\"" + region + "\",target=\"replica\",within=\"" + within + "\"}",
                0.0);
    }

    /** What the prober saw, for a failed assertion: its report and the inconsistencies it kept. */
    private static Map<String, Double> skips(Map<String, Double> scrape) {
        return scrape.entrySet().stream().filter(e -> e.getKey().startsWith("ripple_probe_skipped_total")
                || e.getKey().startsWith("ripple_probe_samples_total"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static String diagnosis(String url, UpEndpoints endpoints) {
        return report(url) + "\n" + Cli.ripple("probe", "inconsistencies", "--bootstrap-servers", endpoints.kafka(),
                "--limit", "30").out();
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }
}
