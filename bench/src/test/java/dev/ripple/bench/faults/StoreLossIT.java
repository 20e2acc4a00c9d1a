package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.up.ProcessUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 21 on the production shape ({@link ProcessUp}: every part its own process, README's command lines, regions
 * eqiad and codfw on one Redis): 10,000 keys are written, then every key of region eqiad is deleted from Redis at once
 * (what a restart without persistence does to a region's keys) while writes go on. The region finds out within 5 s, says
 * so on {@code /readyz} and its metrics, refuses reads meanwhile (a reader holding each write's token never gets a
 * 404 or an older version), rebuilds itself from the latest-state topics and serves again; then every key holds its
 * highest acknowledged version, and the sessions' history has no anomaly.
 */
class StoreLossIT {
    private static final Logger log = LoggerFactory.getLogger(StoreLossIT.class);
    private static final int KEYS = 10_000;
    private static final int BATCH = 200;
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The acknowledged version of a key, and the token of the write. */
    private record Acked(Dot dot, String token) {}

    @Test
    void shouldFindALostRegionRefuseItsReadsRebuildItAndLoseNoAcknowledgedWrite(@TempDir Path home) throws Exception {
        Clock clock = Clock.systemUTC();
        try (ProcessUp up = new ProcessUp(new ProcessUp.Options(List.of("eqiad", "codfw"), 1,
                new UpFile(home.resolve("up.json")), Duration.ofMinutes(3)), clock,
                new PrintWriter(Writer.nullWriter()))) {
            UpEndpoints endpoints = up.start();
            String eqiad = address(up, "replica eqiad");
            LoadConfig config = FaultRun.loadConfig(up, 2, 1);
            LoadClient client = new LoadClient(config);
            Map<String, Acked> acked = new ConcurrentHashMap<>();

            // given 10,000 keys written and applied in both regions
            long started = System.nanoTime();
            for (int n = 0; n < KEYS / BATCH; n++) {
                write(client, n, keys(n * BATCH, BATCH), acked);
            }
            log.info("{} keys acknowledged in {} s", acked.size(), seconds(System.nanoTime() - started));
            assertThat(acked).hasSize(KEYS);
            Acked last = acked.get(key(KEYS - 1));
            await().atMost(Duration.ofSeconds(120)).until(() -> read(eqiad, key(KEYS - 1), last.token()) == 200);

            SessionLoad sessions = SessionLoad.start(config, clock);
            Checker checker = new Checker(eqiad, acked);
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread updates = daemon(() -> {
                // rewrite keys 0, 50, 100, … so the region has new versions to apply during and after the loss
                for (int n = KEYS / BATCH; writing.get(); n++) {
                    try {
                        write(client, n, keys((n * 50) % KEYS, 1), acked);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try (RedisClient redisClient = RedisClient.create(endpoints.redis());
                    StatefulRedisConnection<String, String> connection = redisClient.connect()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> checker.served() >= 50);

                // when every key of region eqiad is deleted from Redis
                long wipedAt = System.nanoTime();
                long deleted = wipe(connection.sync(), "ripple:{eqiad:*");
                log.info("deleted {} keys of eqiad", deleted);

                // then the region finds out within 5 s and says so: not ready, the loss counted
                await().atMost(DETECTION_BOUND).pollInterval(Duration.ofMillis(50)).until(() ->
                        metric(eqiad, "ripple_replica_store_losses_total") > 0);
                long detectedAt = System.nanoTime();
                log.info("loss found {} s after the wipe", seconds(detectedAt - wipedAt));

                // and it rebuilds itself and is ready again
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                        status(eqiad + "/readyz") == 200 && metric(eqiad,
                                "ripple_replica_partitions_rebuilding") == 0);
                log.info("serving again {} s after the wipe; {} latest-state records applied", seconds(
                        System.nanoTime() - wipedAt), metric(eqiad,
                        "ripple_replica_rebuild_records_total"));
                int servedBefore = checker.served();
                await().atMost(Duration.ofSeconds(30)).until(() -> checker.served() >= servedBefore + 50);
            } finally {
                writing.set(false);
                updates.join(Duration.ofSeconds(30).toMillis());
                checker.close();
                sessions.close();
            }

            // then no read of a key its token covers got a 404 or an older version; some were refused meanwhile
            log.info("checker: {} served, {} refused with 503 region-store-lost, {} other", checker.served(),
                    checker.refused(), checker.others());
            assertThat(checker.violations()).as("reads that showed a lost or older version").isEmpty();

            // and every key holds its highest acknowledged version in eqiad
            List<String> wrong = new ArrayList<>();
            try (RedisClient redisClient = RedisClient.create(endpoints.redis());
                    StatefulRedisConnection<String, String> connection = redisClient.connect()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    wrong.clear();
                    acked.forEach((key, version) -> {
                        Dot dot = version.dot();
                        String held = connection.sync().hget("ripple:{eqiad:" + dot.partition().partition() + "}:obj:"
                                + key, "dot");
                        if (!dot.toString().equals(held)) {
                            wrong.add(key + " holds " + held + ", acknowledged " + dot);
                        }
                    });
                    return wrong.isEmpty();
                });
            }
            assertThat(wrong).as("keys not at their acknowledged version").isEmpty();

            // and the sessions lost nothing, and their history has no anomaly
            assertThat(Convergence.unreadable(sessions.lastAcked(), config, Duration.ofSeconds(60), clock)).isEmpty();
            CheckReport check = HistoryChecker.create().check(History.of(sessions.operations()));
            assertThat(check.ok()).as(check.toJson()).isTrue();
            log.info("{} keys at their versions; sessions {}; history {} operations, no anomaly", acked.size(),
                    sessions.counts(), check.operations());
        }
    }

    /** Publishes {@code keys} as one batch and records each acknowledged version with the batch's token. */
    private static void write(LoadClient client, int n, List<String> keys, Map<String, Acked> acked)
            throws InterruptedException {
        HttpResponse<String> response = client.publish(n, keys, "w", null);
        assertThat(response).as("an intake answered").isNotNull();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String token = response.headers().firstValue("Ripple-Session-Token").orElseThrow();
        JsonNode results = LoadClient.json(response.body()).path("results");
        for (int i = 0; i < keys.size(); i++) {
            acked.put(keys.get(i), new Acked(Dot.parse(results.get(i).get("dot").asText()), token));
        }
    }

    /**
     * Reads keys written before the loss with their write's token, in a loop: a 200 must show the acknowledged
     * version (or a later one of the same key), and a 404 is a lost write.
     */
    private static final class Checker implements AutoCloseable {
        private final List<String> violations = new ArrayList<>();
        private final AtomicInteger served = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final AtomicInteger others = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Checker(String readApi, Map<String, Acked> acked) {
            thread = daemon(() -> {
                for (int i = 1; running.get(); i += 37) {
                    String key = key((i * 7919) % KEYS);
                    Acked version = acked.get(key);
                    try {
                        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(readApi
                                + "/v1/regions/eqiad/objects/" + key)).header("Ripple-Session-Token", version.token())
                                .header("Ripple-On-Violation", "refuse").timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        check(key, version, read);
                    } catch (Exception e) {
                        others.incrementAndGet();
                    }
                }
            });
        }

        private void check(String key, Acked version, HttpResponse<String> read) {
            if (read.statusCode() == 200) {
                served.incrementAndGet();
                Dot dot = LoadClient.etagDot(read);
                if (dot.offset() < version.dot().offset()) {
                    violations.add(key + " served " + dot + ", older than " + version.dot());
                }
            } else if (read.statusCode() == 503 && read.body().contains("region-store-lost")) {
                refused.incrementAndGet();
            } else if (read.statusCode() == 404) {
                violations.add(key + " answered 404 though its token covers " + version.dot() + ": " + read.body());
            } else {
                others.incrementAndGet();
            }
        }

        int served() {
            return served.get();
        }

        int refused() {
            return refused.get();
        }

        int others() {
            return others.get();
        }

        List<String> violations() {
            synchronized (violations) {
                return List.copyOf(violations);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "store-loss-it");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Deletes every key matching {@code pattern} in one script, so at once, as a Redis restarted without persistence
     * loses them. (Deleting them one by one from outside, objects before position hashes, leaves a moment where a
     * partition still claims what it no longer holds: no generation check can see a lone object gone.)
     */
    private static long wipe(RedisCommands<String, String> redis, String pattern) {
        return redis.eval("""
                local deleted, cursor = 0, '0'
                repeat
                  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
                  cursor = page[1]
                  for _, key in ipairs(page[2]) do
                    deleted = deleted + redis.call('UNLINK', key)
                  end
                until cursor == '0'
                return deleted
                """, ScriptOutputType.INTEGER, new String[0], pattern);
    }

    private static List<String> keys(int from, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    private static String key(int i) {
        return "enwiki:Lost_" + i;
    }

    private static int read(String readApi, String key, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(readApi + "/v1/regions/eqiad/objects/" + key))
                .header("Ripple-Session-Token", token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The value of region eqiad's sample of {@code name} on the part's {@code /metrics}; -1 if it has none. */
    private static double metric(String base, String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith(name + "{") && line.contains("region=\"eqiad\""))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(-1.0);
    }

    private static String address(ProcessUp up, String name) {
        return up.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().address();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
