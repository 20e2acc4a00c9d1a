package dev.ripple.cli.wiring;

import dev.ripple.cli.parts.Parts;
import dev.ripple.replica.RebuildConfig;
import dev.ripple.replica.RebuildSource;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaService;
import dev.ripple.runtime.server.Readiness;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One or more regions' appliers and their read API as a part; reads are gated where the context enforces conits.
 */
public final class ReplicaPart implements Part {
    private final ReplicaService service;
    private final List<String> regions;

    private ReplicaPart(ReplicaService service, List<String> regions) {
        this.service = service;
        this.regions = regions;
    }

    /**
     * The service's settings: the defaults for {@code regions} with the context's servers, topics, tokens, epoch and
     * Kafka properties, then changed by {@code settings}.
     */
    public static ReplicaService.Options options(PartContext context, List<ReplicaService.Region> regions,
            UnaryOperator<ReplicaService.Options> settings) {
        return settings.apply(ReplicaService.Options.defaults(regions, context.kafka().bootstrapServers(),
                        context.requireTokens("replica")).withTopics(context.topics()).withEpoch(context.epoch())
                .withKafkaOverrides(context.kafka().stringProperties())
                .withRebuild(RebuildConfig.defaults().withSource(rebuildSource(context))));
    }

    /**
     * The latest-state topics routed with the config's rules; without a config store there are no rules to route
     * with, and a partition that lost its data is put back in service empty (said at WARN when it happens).
     */
    private static RebuildSource rebuildSource(PartContext context) {
        return context.config() == null ? RebuildSource.none()
                : new LatestStateRebuild(context.kafka(), context.topics(), context.config(), context.clock());
    }

    /**
     * Starts the regions' appliers and binds their meters.
     *
     * @throws dev.ripple.replica.ReplicaException if a region cannot start; nothing is left running
     */
    public static ReplicaPart start(PartContext context, List<ReplicaService.Region> regions,
            UnaryOperator<ReplicaService.Options> settings) {
        ReplicaService service = ReplicaService.start(options(context, regions, settings), context.readGate(),
                context.clock());
        context.metrics().bind(service.metrics());
        return new ReplicaPart(service, regions.stream().map(ReplicaService.Region::name).toList());
    }

    public ReplicaService service() {
        return service;
    }

    public List<ReplicaApplier> appliers() {
        return service.appliers();
    }

    @Override
    public List<Readiness.Part> readiness() {
        return Parts.replicas(service.appliers());
    }

    @Override
    public List<Consumer<JavalinConfig>> routes() {
        return List.of(service.routes());
    }

    @Override
    public String summary() {
        return "replica " + regions;
    }

    @Override
    public void close() {
        service.close();
    }

    @Override
    public String toString() {
        return summary();
    }
}
