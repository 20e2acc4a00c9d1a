package dev.ripple.replica;

import dev.ripple.consistency.EpochSource;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.LifecycleException;
import dev.ripple.runtime.lifecycle.StartOrder;
import dev.ripple.runtime.lifecycle.State;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regions' replicas in one process, wired: per region a Redis {@link ReplicaStore} and a {@link ReplicaApplier}
 * (whose positions go straight to the shared {@link RegionPositions}), a {@link PositionsFeed} for the regions
 * applied elsewhere, and the {@link ReadApi} over the stores. {@code ripple replica --region R} runs one region,
 * {@code ripple up} every region of the config. Parts close in the reverse order of their start.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED   (a part that fails to start: what started is closed,
 *                                                          then it throws)
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class ReplicaService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaService.class);

    /**
     * One region to replicate here.
     *
     * @param name the region
     * @param redisUri its replica store
     * @param httpTargets its HTTP replica targets; empty for none
     */
    public record Region(String name, String redisUri, List<URI> httpTargets) {
        public Region {
            TopicNames.requireName("region", name);
            Objects.requireNonNull(redisUri, "redisUri");
            httpTargets = List.copyOf(Objects.requireNonNull(httpTargets, "httpTargets"));
        }
    }

    /**
     * @param regions the regions to replicate and serve here; at least one
     * @param bootstrapServers Kafka {@code bootstrap.servers}
     * @param topics topic naming; its prefix is also the Redis key prefix
     * @param epoch the epoch in force (followed live)
     * @param partitions the cluster's source partition count
     * @param tokens signs and verifies session tokens
     * @param limits applier bounds
     * @param http HTTP target settings
     * @param read read API settings (its epoch and partitions are replaced by the ones above)
     * @param redisTimeout longest one Redis command may take
     * @param kafkaOverrides further Kafka client properties
     * @param rebuild how a region partition that lost its data (or a new region) is rebuilt
     */
    public record Options(List<Region> regions, String bootstrapServers, TopicNames topics, EpochSource epoch,
            int partitions, SessionTokenCodec tokens, ReplicaLimits limits, HttpTargetConfig http,
            ReadApiConfig read, Duration redisTimeout, Map<String, String> kafkaOverrides, RebuildConfig rebuild) {
        public Options {
            Objects.requireNonNull(rebuild, "rebuild");
            regions = List.copyOf(regions);
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("Invalid value [] for configuration regions: name at least one");
            }
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(epoch, "epoch");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(http, "http");
            read = Objects.requireNonNull(read, "read").withEpoch(epoch).withPartitions(partitions);
            Objects.requireNonNull(redisTimeout, "redisTimeout");
            kafkaOverrides = Map.copyOf(kafkaOverrides);
        }

        /** Default bounds, epoch 1, 6 partitions, prefix {@code ripple}, 5 s Redis timeout. */
        public static Options defaults(List<Region> regions, String bootstrapServers, SessionTokenCodec tokens) {
            return new Options(regions, bootstrapServers, TopicNames.defaults(), EpochSource.fixed(1), 6, tokens,
                    ReplicaLimits.defaults(), HttpTargetConfig.defaults(), ReadApiConfig.defaults(), Duration.ofSeconds(5),
                    Map.of(), RebuildConfig.defaults());
        }

        /** With a fixed epoch. */
        public Options withEpoch(long fixed) {
            return withEpoch(EpochSource.fixed(fixed));
        }

        public Options withEpoch(EpochSource newEpoch) {
            return new Options(regions, bootstrapServers, topics, newEpoch, partitions, tokens, limits, http, read,
                    redisTimeout, kafkaOverrides, rebuild);
        }

        public Options withPartitions(int count) {
            return new Options(regions, bootstrapServers, topics, epoch, count, tokens, limits, http, read,
                    redisTimeout, kafkaOverrides, rebuild);
        }

        public Options withKafkaOverrides(Map<String, String> overrides) {
            return new Options(regions, bootstrapServers, topics, epoch, partitions, tokens, limits, http, read,
                    redisTimeout, overrides, rebuild);
        }

        public Options withRebuild(RebuildConfig newRebuild) {
            return new Options(regions, bootstrapServers, topics, epoch, partitions, tokens, limits, http, read,
                    redisTimeout, kafkaOverrides, newRebuild);
        }

        public Options withTopics(TopicNames names) {
            return new Options(regions, bootstrapServers, names, epoch, partitions, tokens, limits, http, read,
                    redisTimeout, kafkaOverrides, rebuild);
        }
    }

    private final StartOrder parts;
    private final List<ReplicaApplier> appliers;
    private final RegionPositions positions;
    private final ReadApi readApi;
    private final Lifecycle lifecycle = Lifecycle.running("the replica service");

    private ReplicaService(StartOrder parts, List<ReplicaApplier> appliers, RegionPositions positions,
            ReadApi readApi) {
        this.parts = parts;
        this.appliers = List.copyOf(appliers);
        this.positions = positions;
        this.readApi = readApi;
    }

    /**
     * Starts every region's store and applier, the positions feed and the read API.
     *
     * @throws ReplicaException from the part that failed; what had started is closed first
     */
    public static ReplicaService start(Options options, Clock clock) {
        return start(options, ReadGate.OPEN, clock);
    }

    /** As above, with reads also held by {@code gate} (conit {@code gate-reads} enforcement). */
    public static ReplicaService start(Options options, ReadGate gate, Clock clock) {
        StartOrder parts = new StartOrder("the replica service");
        try {
            RegionPositions positions = parts.open(RegionPositions.create());
            Map<String, ReplicaStore> stores = new LinkedHashMap<>();
            List<ReplicaApplier> appliers = new ArrayList<>();
            for (Region region : options.regions()) {
                ReplicaStore store = parts.open(ReplicaStore.redis(region.name(), new RedisStoreConfig(
                        region.redisUri(), options.topics().prefix(), options.epoch(), options.redisTimeout())));
                stores.put(region.name(), store);
                ReplicaApplier applier = ReplicaApplier.create(config(options, region), store, clock);
                applier.addListener((entries, position) -> positions.offer(position));
                parts.start(applier);
                positions.offer(applier.position());
                appliers.add(applier);
            }
            parts.open(PositionsFeed.start(options.bootstrapServers(), options.topics(), options.kafkaOverrides(),
                    positions));
            ReadApi readApi = ReadApi.create(options.read(), options.tokens(), stores, positions, gate, clock);
            log.info("Replicas of {} running", stores.keySet());
            return new ReplicaService(parts, appliers, positions, readApi);
        } catch (RuntimeException e) {
            parts.abort(e);
            throw e;
        }
    }

    private static ReplicaConfig config(Options options, Region region) {
        return ReplicaConfig.defaults(region.name(), options.bootstrapServers())
                .withTopics(options.topics())
                .withEpoch(options.epoch())
                .withPartitions(options.partitions())
                .withGroupId(ConsumerGroups.of(options.topics()).replica(region.name()))
                .withHttpTargets(region.httpTargets(), options.http())
                .withLimits(options.limits())
                .withRebuild(options.rebuild())
                .withKafkaOverrides(options.kafkaOverrides());
    }

    /**
     * Holds or releases one region's applier (see {@link ReplicaApplier#hold}).
     *
     * @throws IllegalArgumentException if the region is not replicated here
     */
    public void hold(String region, boolean hold) {
        appliers.stream().filter(a -> a.region().equals(region)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Region " + region + " is not replicated here")).hold(hold);
    }

    /** The read API routes. */
    public Consumer<JavalinConfig> routes() {
        return readApi.routes();
    }

    /** Every applier's meters and the read API's. */
    public MeterBinder metrics() {
        return registry -> {
            appliers.forEach(a -> a.metrics().bindTo(registry));
            readApi.metrics().bindTo(registry);
        };
    }

    public List<ReplicaApplier> appliers() {
        return List.copyOf(appliers);
    }

    public RegionPositions positions() {
        return positions;
    }

    /** {@link State#RUNNING} until {@link #close()}, then {@link State#STOPPED}. */
    public State state() {
        return lifecycle.state();
    }

    @Override
    public void close() {
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        try {
            parts.close();
        } catch (LifecycleException e) {
            for (Throwable part : e.getSuppressed()) {
                log.warn("Could not close a part of the replica service cleanly: {}", part.toString());
            }
        }
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }
}
