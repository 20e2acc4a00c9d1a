package dev.ripple.replica;

import dev.ripple.consistency.Position;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.testsupport.TestTopics;
import io.javalin.Javalin;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies per second into Redis, against plain pipelined writes in the same run, and the latency a session token
 * adds to a read that does not wait. Not a test: run it by hand (see replica/README.md).
 *
 * <p>Arguments: records (default 200000).
 */
public final class ReplicaBenchmark {
    private static final Logger log = LoggerFactory.getLogger(ReplicaBenchmark.class);
    private static final int PARTITIONS = 6;
    private static final int KEYS = 20_000;
    private static final String BODY = "x".repeat(200);

    private ReplicaBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (RedisProcess redis = RedisProcess.start()) {
            log.info(String.format("redis %s, %,d records of %d-byte bodies over %,d keys and %d partitions",
                    redis.uri(), records, BODY.length(), KEYS, PARTITIONS));
            storeApplies(redis, "warm-up", records / 4);
            double store = storeApplies(redis, "s", records);
            double plain = pipelinedWrites(redis, records);
            redisBenchmark(redis, records);
            double applier;
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                applier = applierApplies(kafka, redis, records / 2);
            }
            log.info(String.format("store.apply (Lua, batches of 200, 1 in flight per partition): %,.0f applies/s", store));
            log.info(String.format("plain pipelined HSET of the same fields (no gate, no position): %,.0f writes/s",
                    plain));
            log.info(String.format("ratio store/plain: %.2f", store / plain));
            log.info(String.format("applier from Kafka to Redis (one region, default limits): %,.0f applies/s", applier));
            readLatency(redis);
        }
    }

    /** Batches of 200 per partition, one in flight per partition, as the applier runs them. */
    private static double storeApplies(RedisProcess redis, String prefix, int records) {
        try (ReplicaStore store = ReplicaStore.redis("bench", RedisStoreConfig.defaults(redis.uri())
                .withKeyPrefix(prefix + System.nanoTime()))) {
            List<List<RegionRecord>> byPartition = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                byPartition.add(new ArrayList<>());
            }
            for (int i = 0; i < records; i++) {
                int p = i % PARTITIONS;
                byPartition.get(p).add(Records.upsert("k" + (i % KEYS), p, i / PARTITIONS, (long) i, BODY));
            }
            long start = System.nanoTime();
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (List<RegionRecord> partition : byPartition) {
                lanes.add(chain(store, partition, 0));
            }
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static CompletableFuture<Void> chain(ReplicaStore store, List<RegionRecord> records, int from) {
        if (from >= records.size()) {
            return CompletableFuture.completedFuture(null);
        }
        int to = Math.min(records.size(), from + 200);
        return store.apply(records.subList(from, to)).toCompletableFuture()
                .thenCompose(done -> chain(store, records, to));
    }

    /** redis-benchmark style: HSET of the same 7 fields, 1,000 commands in flight, flushed in batches. */
    private static double pipelinedWrites(RedisProcess redis, int records) throws Exception {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            connection.setAutoFlushCommands(false);
            long start = System.nanoTime();
            List<RedisFuture<Long>> window = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("op", "upsert");
                fields.put("dot", "ripple.stream.edits:" + (i % PARTITIONS) + "@" + i);
                fields.put("rev", Integer.toString(i));
                fields.put("ctype", "text/plain");
                fields.put("body", BODY);
                fields.put("dt", "1795000000000");
                fields.put("applied_at", "1795000000000");
                window.add(async.hset("plain:{" + (i % PARTITIONS) + "}:obj:k" + (i % KEYS), fields));
                if (window.size() == 1_000) {
                    connection.flushCommands();
                    for (RedisFuture<Long> f : window) {
                        f.get();
                    }
                    window.clear();
                }
            }
            connection.flushCommands();
            for (RedisFuture<Long> f : window) {
                f.get();
            }
            return records / ((System.nanoTime() - start) / 1e9);
        } finally {
            client.shutdown();
        }
    }

    private static void redisBenchmark(RedisProcess redis, int records) throws Exception {
        Process process = new ProcessBuilder("redis-benchmark", "-p", Integer.toString(redis.port()), "-t", "hset",
                "-n", Integer.toString(records), "-P", "64", "-q").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            out.lines().map(line -> line.substring(line.lastIndexOf('\r') + 1)).filter(l -> l.contains("requests per second"))
                    .forEach(line -> log.info("redis-benchmark -t hset -P 64: " + line.trim()));
        }
        process.waitFor();
    }

    /** A region topic filled beforehand, then one applier timed from start to the last record applied. */
    private static double applierApplies(EmbeddedKafka kafka, RedisProcess redis, int records) throws Exception {
        TopicNames topics = new TopicNames("bench" + System.nanoTime() % 100_000);
        TestTopics.create(kafka.bootstrapServers(), PARTITIONS, topics.replicate("bench"));
        try (KafkaProducer<String, RegionRecord> producer = Kafka.regionProducer(kafka.bootstrapServers())) {
            for (int i = 0; i < records; i++) {
                int p = i % PARTITIONS;
                producer.send(new ProducerRecord<>(topics.replicate("bench"), p, "k" + (i % KEYS),
                        Records.upsert("k" + (i % KEYS), p, i / PARTITIONS, (long) i, BODY)));
            }
        }
        AtomicLong handled = new AtomicLong();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (ReplicaStore store = ReplicaStore.redis("bench", RedisStoreConfig.defaults(redis.uri())
                        .withKeyPrefix(topics.prefix()));
                ReplicaApplier applier = ReplicaApplier.create(ReplicaConfig.defaults("bench", kafka.bootstrapServers())
                        .withTopics(topics).withGroupId(topics.prefix()), store, Clock.systemUTC())) {
            applier.addListener((entries, position) -> {
                if (handled.addAndGet(entries.size()) >= records) {
                    done.complete(null);
                }
            });
            long start = System.nanoTime();
            applier.start();
            done.join();
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Sequential reads over HTTP (keep-alive) of applied keys, with a covering token and without one. */
    private static void readLatency(RedisProcess redis) throws Exception {
        String prefix = "read" + System.nanoTime();
        try (ReplicaStore store = ReplicaStore.redis("bench", RedisStoreConfig.defaults(redis.uri())
                .withKeyPrefix(prefix)); RegionPositions positions = RegionPositions.create()) {
            List<RegionRecord> all = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String key = "k" + i;
                int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
                all.add(Records.upsert(key, p, i, (long) i, BODY));
            }
            Position applied = Position.empty(1);
            for (int p = 0; p < PARTITIONS; p++) {
                int partition = p;
                store.apply(all.stream().filter(r -> r.source().partition() == partition).toList())
                        .toCompletableFuture().join();
                applied = applied.merge(store.position(p).toCompletableFuture().join().offsets());
            }
            positions.offer(new RegionPosition("bench", applied, Map.of(), Instant.now()));
            String token = ReplicaHarness.TOKENS.encode(positions.current("bench").orElseThrow().applied());
            ReadApi api = ReadApi.create(ReadApiConfig.defaults(), ReplicaHarness.TOKENS, Map.of("bench", store),
                    positions, Clock.systemUTC());
            Javalin server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.port = 0;
                api.routes().accept(config);
            }).start();
            try {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String base = "http://127.0.0.1:" + server.port() + "/v1/regions/bench/objects/";
                int n = 10_000;
                long[] plain = new long[n];
                long[] session = new long[n];
                for (int round = -2_000; round < n; round++) {
                    String key = "k" + Math.floorMod(round, 1_000);
                    long a = time(http, base + key, null);
                    long b = time(http, base + key, token);
                    if (round >= 0) {
                        plain[round] = a;
                        session[round] = b;
                    }
                }
                Arrays.sort(plain);
                Arrays.sort(session);
                log.info(String.format("read over HTTP, plain:          p50 %.3f ms, p99 %.3f ms", plain[n / 2] / 1e6,
                        plain[n * 99 / 100] / 1e6));
                log.info(String.format("read over HTTP, session token:  p50 %.3f ms, p99 %.3f ms", session[n / 2] / 1e6,
                        session[n * 99 / 100] / 1e6));
                log.info(String.format("added by the token: p50 %+.3f ms, p99 %+.3f ms",
                        (session[n / 2] - plain[n / 2]) / 1e6, (session[n * 99 / 100] - plain[n * 99 / 100]) / 1e6));
            } finally {
                server.stop();
            }
        }
    }

    private static long time(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Ripple-Session-Token", token);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("read answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }
}
