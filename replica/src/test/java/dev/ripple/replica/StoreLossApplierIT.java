package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.testsupport.TestTopics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An applier whose store loses its data (DESIGN.md 7.1): it finds out (on apply, and by its periodic check on idle
 * partitions), takes the partitions out of service, rebuilds them from its {@link RebuildSource} and serves again;
 * a new region is filled from the latest state before it applies anything. The source here is a map of the latest
 * record per key, standing in for the latest-state topics (the production source is tested in the cli and bench).
 */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class StoreLossApplierIT {
    private static final int PARTITIONS = 3;
    private final Map<String, ReplicationRecord> latest = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private String prefix;
    private TopicNames topics;
    private ReplicaStore store;
    private ReplicaApplier applier;
    private KafkaProducer<String, RegionRecord> producer;
    private RedisClient client;
    private StatefulRedisConnection<String, String> redis;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, RedisProcess process) {
        prefix = "l" + UUID.randomUUID().toString().substring(0, 8);
        topics = new TopicNames(prefix);
        TestTopics.create(kafka.bootstrapServers(), PARTITIONS, topics.replicate("eqiad"));
        store = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(process.uri()).withKeyPrefix(prefix));
        applier = ReplicaApplier.create(ReplicaConfig.defaults("eqiad", kafka.bootstrapServers()).withTopics(topics)
                .withPartitions(PARTITIONS).withGroupId(prefix + ".eqiad")
                .withRebuild(RebuildConfig.defaults().withSource(this::scan)), store, Clock.systemUTC());
        applier.metrics().bindTo(meters);
        producer = Kafka.regionProducer(kafka.bootstrapServers());
        client = RedisClient.create(process.uri());
        redis = client.connect();
    }

    @AfterEach
    void tearDown() {
        producer.close();
        applier.close();
        store.close();
        redis.close();
        client.shutdown();
    }

    @Test
    void shouldTakeLostPartitionsOutOfServiceRebuildThemAndServeAgain() {
        // given keys on every partition, applied
        applier.start();
        for (int p = 0; p < PARTITIONS; p++) {
            send(Records.upsert("k" + p, p, 10, 1L, "v" + p + "-1"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> body(0, "k0") != null && body(1, "k1") != null
                && body(2, "k2") != null);

        // when every key of the region is deleted (as when Redis restarts without persistence), and a write
        // arrives on partition 0 only
        wipe();
        send(Records.upsert("k0", 0, 11, 2L, "v0-2"));

        // then every partition is found lost within 5 s (partition 0 by its apply, the idle ones by the check)
        await().atMost(Duration.ofSeconds(5)).until(() ->
                Meters.value(meters, ReplicaMetricNames.STORE_LOSSES, "region", "eqiad") == PARTITIONS);

        // and rebuilt from the latest state: every key back at its latest value, and served again
        await().atMost(Duration.ofSeconds(30)).until(() -> "v0-2".equals(body(0, "k0"))
                && "v1-1".equals(body(1, "k1")) && "v2-1".equals(body(2, "k2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> applier.position().rebuilding().isEmpty());
        for (int p = 0; p < PARTITIONS; p++) {
            StoredPosition position = store.position(p).toCompletableFuture().join();
            assertThat(position.status()).isEqualTo(StoredPosition.Status.SERVING);
            assertThat(position.offsets().offset(TopicPartitionKey.of(Records.TOPIC, p))).isGreaterThanOrEqualTo(10);
        }
        assertThat(Meters.value(meters, ReplicaMetricNames.REBUILD_RECORDS, "region", "eqiad"))
                .isGreaterThanOrEqualTo(PARTITIONS);

        // and live applies go on in the new generation
        send(Records.upsert("k1", 1, 12, 2L, "v1-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "v1-2".equals(body(1, "k1")));
    }

    @Test
    void shouldFillANewRegionFromTheLatestStateBeforeApplyingAnything() {
        // given keys that exist in the latest state but were never sent to this region's topic
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put("old" + p, Records.upsert("old" + p, p, 5, 3L, "backfilled " + p));
        }

        // when the region's applier starts on an empty store
        applier.start();

        // then it is filled, with no loss counted
        await().atMost(Duration.ofSeconds(30)).until(() -> "backfilled 0".equals(body(0, "old0"))
                && "backfilled 1".equals(body(1, "old1")) && "backfilled 2".equals(body(2, "old2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> applier.position().rebuilding().isEmpty());
        assertThat(Meters.value(meters, ReplicaMetricNames.STORE_LOSSES, "region", "eqiad")).isZero();
    }

    @Test
    void shouldHandPartitionsOutOfServiceToTheirNextOwnerWhenTheyAreRevokedMidFill(EmbeddedKafka kafka,
            RedisProcess process) {
        // given an applier filling a new region from a source that holds every fill until released
        CountDownLatch release = new CountDownLatch(1);
        RebuildSource held = (region, partition, from) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return scan(region, partition, from);
        };
        ReplicaConfig config = ReplicaConfig.defaults("eqiad", kafka.bootstrapServers()).withTopics(topics)
                .withPartitions(PARTITIONS).withGroupId(prefix + ".pair")
                .withRebuild(RebuildConfig.defaults().withSource(held));
        try (ReplicaStore firstStore = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(process.uri())
                        .withKeyPrefix(prefix + "p"));
                ReplicaStore secondStore = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(process.uri())
                        .withKeyPrefix(prefix + "p"));
                ReplicaApplier first = ReplicaApplier.create(config, firstStore, Clock.systemUTC());
                ReplicaApplier second = ReplicaApplier.create(config, secondStore, Clock.systemUTC())) {
            first.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.position().rebuilding().size() == PARTITIONS);

            // when a second instance joins and takes some of those partitions
            second.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !second.position().rebuilding().isEmpty());

            // then the first no longer names the partitions it gave away, and once released both serve everything
            await().atMost(Duration.ofSeconds(30)).until(() -> first.position().rebuilding().size()
                    + second.position().rebuilding().size() == PARTITIONS);
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.position().rebuilding().isEmpty()
                    && second.position().rebuilding().isEmpty());
        }
    }

    private void send(ReplicationRecord record) {
        latest.merge(record.key(), record, (a, b) -> b.source().offset() > a.source().offset() ? b : a);
        Kafka.send(producer, topics.replicate("eqiad"), record.key(), record);
    }

    private String body(int partition, String key) {
        return store.read(partition, key).toCompletableFuture().join().found().map(StoredObject::body).orElse(null);
    }

    private void wipe() {
        List<String> keys = redis.sync().scan(ScanArgs.Builder.matches(prefix + ":*").limit(1000)).getKeys();
        assertThat(keys).isNotEmpty();
        redis.sync().del(keys.toArray(String[]::new));
    }

    /** The latest state of one partition, read in one go. */
    private RebuildSource.Scan scan(String region, int partition, Map<String, Long> from) {
        List<ReplicationRecord> records = latest.values().stream().filter(r -> r.source().partition() == partition)
                .toList();
        Map<TopicPartitionKey, Long> covered = new TreeMap<>();
        records.forEach(r -> covered.merge(TopicPartitionKey.of(r.source().topic(), partition), r.source().offset(),
                Math::max));
        return new RebuildSource.Scan() {
            private boolean given;

            @Override
            public List<ReplicationRecord> poll(Duration timeout) {
                if (given) {
                    return List.of();
                }
                given = true;
                return records;
            }

            @Override
            public boolean done() {
                return given;
            }

            @Override
            public Map<String, Long> cursor() {
                return Map.of();
            }

            @Override
            public Map<TopicPartitionKey, Long> covered() {
                return covered;
            }

            @Override
            public long read() {
                return given ? records.size() : 0;
            }

            @Override
            public long total() {
                return records.size();
            }

            @Override
            public void close() {}
        };
    }
}
