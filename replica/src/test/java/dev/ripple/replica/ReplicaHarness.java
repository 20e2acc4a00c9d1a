package dev.ripple.replica;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.testsupport.TestKeys;
import dev.ripple.testsupport.TestTopics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Regions replicated from their own topics into one Redis, the read API over them on a local HTTP port, and a
 * {@link DirectRegionFeed} writing their topics: everything of the replica module running as in production, with
 * the propagator replaced. Namespaced by a random topic and key prefix. Closes in reverse order.
 */
final class ReplicaHarness implements AutoCloseable {
    static final SessionTokenCodec TOKENS = TestKeys.codec("it");

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    final TopicNames topics;
    final int partitions;
    final Map<String, ReplicaStore> stores = new LinkedHashMap<>();
    final Map<String, ReplicaApplier> appliers = new LinkedHashMap<>();
    final RegionPositions positions;
    final DirectRegionFeed feed;
    final ReadClient client;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String bootstrap;
    private final String redisUri;

    /**
     * @param slowMs per region, how late each of its applies starts (a deliberately slow region)
     */
    ReplicaHarness(EmbeddedKafka kafka, RedisProcess redis, List<String> regions, int partitions,
            Map<String, Long> slowMs, HistoryRecorder recorder) {
        this.topics = new TopicNames("h" + UUID.randomUUID().toString().substring(0, 8));
        this.partitions = partitions;
        this.bootstrap = kafka.bootstrapServers();
        this.redisUri = redis.uri();
        TestTopics.create(bootstrap, partitions, regions.stream().map(topics::replicate).toArray(String[]::new));
        positions = track(RegionPositions.create());
        for (String region : regions) {
            ReplicaStore redisStore = track(ReplicaStore.redis(region, storeConfig()));
            ReplicaStore store = slowMs.containsKey(region) ? new SlowStore(redisStore, slowMs.get(region)) : redisStore;
            stores.put(region, store);
            ReplicaApplier applier = track(ReplicaApplier.create(config(region), store, Clock.systemUTC()));
            applier.addListener(recorder.applies(region));
            applier.addListener((entries, position) -> positions.offer(position));
            applier.metrics().bindTo(meters);
            applier.start();
            appliers.put(region, applier);
        }
        track(PositionsFeed.start(bootstrap, topics, Map.of(), positions));
        ReadApi api = ReadApi.create(ReadApiConfig.defaults().withPartitions(partitions), TOKENS, stores, positions,
                Clock.systemUTC());
        api.metrics().bindTo(meters);
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            api.routes().accept(config);
        }).start();
        parts.push(server::stop);
        client = new ReadClient("http://127.0.0.1:" + server.port(), TOKENS);
        feed = track(new DirectRegionFeed(bootstrap, topics, regions, partitions, TOKENS));
    }

    ReplicaConfig config(String region) {
        return ReplicaConfig.defaults(region, bootstrap).withTopics(topics).withPartitions(partitions)
                .withGroupId(ConsumerGroups.of(topics).replica(region))
                .withLimits(ReplicaLimits.defaults().withDependencyWaitAlert(Duration.ofSeconds(2)));
    }

    RedisStoreConfig storeConfig() {
        return RedisStoreConfig.defaults(redisUri).withKeyPrefix(topics.prefix());
    }

    /** Writes a background record to every region and waits until all have applied it: the appliers are up. */
    void awaitReady() {
        Dot warmUp = feed.write(HistoryRecorder.NOISE + "warm-up", "x", null).dot();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> converged(List.of(warmUp)));
    }

    /** Whether every region has applied every one of these dots. */
    boolean converged(Collection<Dot> dots) {
        return appliers.values().stream().allMatch(a -> dots.stream().allMatch(a.position().applied()::covers));
    }

    double meter(String name, String... tags) {
        return Meters.value(meters, name, tags);
    }

    private <T extends AutoCloseable> T track(T part) {
        parts.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                // best effort in tests
            }
        }
    }
}
