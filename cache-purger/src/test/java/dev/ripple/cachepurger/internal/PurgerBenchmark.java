package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.CdnNode;
import dev.ripple.cachepurger.PurgeListener;
import dev.ripple.cachepurger.PurgeReceipt;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerLimits;
import dev.ripple.cachepurger.Purges;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.TopicNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges/s of a purger against a baseline in the same run, interleaved over rounds on one broker:
 * <ul>
 *   <li>Redis: purges of one key each (tombstone + {@code UNLINK}) read from Kafka, versus pipelined
 *       {@code UNLINK} of as many keys by a plain Lettuce loop (batches of 1,000);</li>
 *   <li>HTTP: purges of one URL on one node (one tier), versus 4 persistent connections sending {@code PURGE} in a
 *       loop.</li>
 * </ul>
 * A purger's rate is measured from its first acknowledged purge to its last (group join and startup excluded); the
 * records are on the topic before it starts. Run (see README): {@code PurgerBenchmark [redisPurges] [httpPurges]
 * [rounds]}.
 */
public final class PurgerBenchmark {
    private static final Logger log = LoggerFactory.getLogger(PurgerBenchmark.class);
    private static final int PARTITIONS = 6;
    private static final AtomicInteger RUNS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int redisPurges = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int httpPurges = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); RedisProcess redis = RedisProcess.start();
                CdnNode node = new CdnNode("bench")) {
            List<double[]> redisRatios = new ArrayList<>();
            List<double[]> httpRatios = new ArrayList<>();
            List<double[]> scriptRatios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double rawScript = rawScript(redis, redisPurges);
                long cpu0 = cpuNanos();
                double rawRedis = rawUnlink(redis, redisPurges);
                long cpu1 = cpuNanos();
                double purgerRedis = purger(kafka, redis, null, redisPurges);
                long cpu2 = cpuNanos();
                double rawHttp = rawPurge(node, httpPurges);
                long cpu3 = cpuNanos();
                double purgerHttp = purger(kafka, redis, node, httpPurges);
                long cpu4 = cpuNanos();
                log.info(String.format("round %d: JVM CPU per item (whole phase, setup included): raw UNLINK %.1f us, redis "
                        + "purger %.1f us, raw PURGE %.1f us, http purger %.1f us", round,
                        (cpu1 - cpu0) / 1e3 / redisPurges, (cpu2 - cpu1) / 1e3 / redisPurges,
                        (cpu3 - cpu2) / 1e3 / httpPurges, (cpu4 - cpu3) / 1e3 / httpPurges));
                node.hits.clear();
                redisRatios.add(new double[] {purgerRedis, rawRedis});
                scriptRatios.add(new double[] {purgerRedis, rawScript});
                log.info(String.format("round %d: the purger's Redis work alone (purge.lua, batches of 256, 4 in flight): "
                        + "%,.0f/s; purger vs it %.2fx", round, rawScript, purgerRedis / rawScript));
                httpRatios.add(new double[] {purgerHttp, rawHttp});
                log.info(String.format("round %d: redis purger %,.0f/s vs raw UNLINK %,.0f/s (%.2fx); http purger %,.0f/s "
                        + "vs 4 connections %,.0f/s (%.2fx)", round, purgerRedis, rawRedis, purgerRedis / rawRedis,
                        purgerHttp, rawHttp, purgerHttp / rawHttp));
            }
            log.info(String.format("median: redis %.2fx (%.2fx of its own script loop), http %.2fx", median(redisRatios),
                    median(scriptRatios), median(httpRatios)));
        }
    }

    /** Purges/s of a purger whose one target is Redis ({@code node} null) or one HTTP node. */
    private static double purger(EmbeddedKafka kafka, RedisProcess redis, CdnNode node, int count) throws Exception {
        String region = "bench-" + RUNS.incrementAndGet();
        TopicNames topics = TopicNames.defaults();
        String topic = topics.purge(region);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic))
                    .allTopicNames().get().get(topic).partitions().stream().allMatch(p -> p.leader() != null));
        }
        if (node == null) {
            fill(redis, region, count);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "linger.ms", 5, "batch.size", 262_144), new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int partition = i % PARTITIONS;
                PurgeRecord record = node == null
                        ? Purges.keys("k" + i, 2, partition, i, region + ":k" + i)
                        : Purges.urls("k" + i, partition, i, "https://en.example.org/wiki/P" + i);
                sent.add(producer.send(new ProducerRecord<>(topic, partition, "k" + i,
                        EventSerdes.purgeRecord().serialize(topic, record))));
            }
            producer.flush();
            for (Future<?> future : sent) {
                future.get(); // every record is on the topic before the purger starts
            }
        }
        try (ConfigStore store = ConfigStore.inMemory()) {
            store.txnRun(txn -> {
                ConfigDocuments.put(txn, RegionDoc.of(region));
                ConfigDocuments.put(txn, node == null
                        ? new PurgeTargetDoc(region, "cache", PurgeTargetDoc.Type.REDIS, URI.create(redis.uri()),
                                List.of())
                        : new PurgeTargetDoc(region, "cdn", PurgeTargetDoc.Type.HTTP, null, null,
                                List.of(new PurgeTargetDoc.Tier("frontend", List.of(node.uri()))), 2000L, 64, null,
                                null, null));
            });
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC())) {
                CountDownLatch all = new CountDownLatch(count);
                AtomicLong first = new AtomicLong();
                AtomicLong last = new AtomicLong();
                CachePurger purger = CachePurger.create(PurgerConfig.defaults(region, kafka.bootstrapServers())
                        .withPartitions(PARTITIONS).withLimits(PurgerLimits.defaults().withConnectionsPerNode(
                                Integer.getInteger("connectionsPerNode", 8))), view, Clock.systemUTC());
                purger.addListener(new PurgeListener() {
                    @Override
                    public void purged(PurgeReceipt receipt) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        all.countDown();
                    }
                });
                try (purger) {
                    purger.start();
                    if (!all.await(5, TimeUnit.MINUTES)) {
                        throw new IllegalStateException(all.getCount() + " purges not done in 5 minutes");
                    }
                }
                return (count - 1) / ((last.get() - first.get()) / 1e9);
            }
        }
    }

    /** UNLINKs/s of a Lettuce loop pipelining batches of 1,000 on one connection. */
    private static double rawUnlink(RedisProcess redis, int count) {
        String prefix = "raw-" + RUNS.incrementAndGet();
        fill(redis, prefix, count);
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            connection.setAutoFlushCommands(false);
            long start = System.nanoTime();
            for (int from = 0; from < count; from += 1000) {
                List<RedisFuture<Long>> batch = new ArrayList<>(1000);
                for (int i = from; i < Math.min(count, from + 1000); i++) {
                    batch.add(async.unlink(prefix + ":k" + i));
                }
                connection.flushCommands();
                batch.forEach(f -> f.toCompletableFuture().join());
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            client.shutdown();
        }
    }

    /**
     * Purges/s of {@code purge.lua} itself (tombstone and {@code UNLINK} per key) in a plain Lettuce loop: batches of
     * 256, 4 in flight, as the purger sends them. What Redis can take, so how much the purger adds.
     */
    private static double rawScript(RedisProcess redis, int count) throws Exception {
        String prefix = "script-" + RUNS.incrementAndGet();
        fill(redis, prefix, count);
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            String sha = async.scriptLoad(PurgeScripts.PURGE.text()).get();
            List<RedisFuture<List<Object>>> inFlight = new ArrayList<>();
            long start = System.nanoTime();
            for (int from = 0; from < count; from += 256) {
                List<PurgeRequest> batch = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + 256); i++) {
                    batch.add(Purges.keys("K" + i, 2, 0, i, prefix + ":k" + i));
                }
                inFlight.add(async.evalsha(sha, io.lettuce.core.ScriptOutputType.MULTI, PurgeScripts.purgeKeys(batch),
                        PurgeScripts.purgeArgs(batch, 60_000)));
                if (inFlight.size() == 4) {
                    inFlight.remove(0).get();
                }
            }
            for (RedisFuture<List<Object>> future : inFlight) {
                future.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            client.shutdown();
        }
    }

    /** PURGEs/s of 4 threads, each with a persistent connection of its own, sending in a loop. */
    private static double rawPurge(CdnNode node, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Thread thread = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(node.uri() + "/wiki/P" + i))
                                .method("PURGE", HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void fill(RedisProcess redis, String prefix, int count) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            connection.setAutoFlushCommands(false);
            List<RedisFuture<String>> sets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sets.add(async.set(prefix + ":k" + i, "cached value of " + i));
            }
            connection.flushCommands();
            sets.forEach(f -> f.toCompletableFuture().join());
        } finally {
            client.shutdown();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<double[]> rates) {
        double[] ratios = rates.stream().mapToDouble(r -> r[0] / r[1]).sorted().toArray();
        return ratios[ratios.length / 2];
    }
}
