package dev.ripple.cli.parts;

import dev.ripple.cli.CliException;
import dev.ripple.cli.PartOptions;
import dev.ripple.cli.RedisConnection;
import dev.ripple.cli.RegionName;
import dev.ripple.cli.SessionKeys;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.cli.wiring.ReplicaPart;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.ReplicaService;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple replica --region R}: one region's applier and its read API, until Ctrl-C or SIGTERM. */
@Command(name = "replica",
        description = {"Replicate one region: apply ripple.replicate.<region> to its Redis store (and HTTP targets),",
                "publish its position to ripple.positions, and serve the read API. Kafka and Redis default to",
                "RIPPLE_KAFKA and RIPPLE_REDIS, else to the running 'ripple up'."})
public final class ReplicaCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 8082;

    @Option(names = "--region", required = true, converter = RegionName.class,
            description = "The region to replicate, e.g. eqiad.")
    String region;

    @CommandLine.Mixin
    RedisConnection redis;

    @Option(names = "--http-target", description = "An HTTP replica target of the region; repeatable.")
    List<URI> httpTargets = new ArrayList<>();

    @Option(names = "--epoch", description = {"A fixed epoch (default: follow /ripple/epoch live with --etcd,",
            "else 1)."})
    Long epoch;

    @Option(names = "--partitions", defaultValue = "6",
            description = "The cluster's source partition count (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic and Redis key prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--session-key-file", description = {"File holding the session keys, id:base64[,id:base64…]",
            "(else $RIPPLE_SESSION_KEYS; the same keys as the producers')."})
    Path sessionKeyFile;

    @Option(names = "--rebuild-rate", defaultValue = "20000", description = {"Most latest-state records a rebuild "
            + "applies per second, when the", "store lost data or the region is new (default: ${DEFAULT-VALUE})."})
    int rebuildRate;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private volatile Lifetime lifetime;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        HttpServerOptions httpOptions = part.http().options();
        Optional<UpEndpoints> up = UpFile.locate().running();
        String redisUri = redis.uri().or(() -> up.map(UpEndpoints::redis)).orElseThrow(() -> new CliException(
                "Pass --redis (or set RIPPLE_REDIS): no ripple up is running here to take it from."));
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.load(sessionKeyFile));
        TopicNames topics = new TopicNames(prefix);
        PartContext start = PartContext.of(part.kafka().settings(up.map(UpEndpoints::kafka)), Clock.systemUTC())
                .withTopics(topics).withTokens(tokens).withRedis(redisUri);
        Lifetime running = new Lifetime("ripple replica", out)
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout());
        lifetime = running;
        return running.run(group -> {
            PartContext context = part.etcd().isSet()
                    ? ConfigParts.followConits(group, start, part.etcd().options()) : start;
            if (epoch != null || !part.etcd().isSet()) {
                context = context.withEpoch(epoch != null ? epoch : 1);
            }
            ReplicaPart replica = group.add(ReplicaPart.start(context, List.of(new ReplicaService.Region(region,
                    redisUri, httpTargets)), options -> options.withPartitions(partitions)
                    .withRebuild(options.rebuild().withRecordsPerSecond(rebuildRate))));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            String line = String.format("ripple replica: region %s from %s into %s; read API at %s/v1/regions/%s/ "
                    + "(Ctrl-C to stop)", region, topics.replicate(region), redisUri, server.url(), region);
            return part.etcd().isSet() ? line + notInConfig(context.config(), topics) : line + String.format("%n"
                    + "ripple replica: no --etcd given, so no conit gates reads here (epoch %d), and a partition "
                    + "whose store lost its data is put back empty (no rules to rebuild it with)",
                    context.epoch().current());
        }, "ripple replica: stopped region " + region + ".");
    }

    /**
     * A line saying that the region is not in the config, so that nothing is routed to it: a mistyped
     * {@code --region}, or a region not added yet (the replica waits for its topic either way); empty if it is.
     */
    private String notInConfig(ConfigView config, TopicNames topics) {
        Set<String> regions = new TreeSet<>(config.snapshot().regions().keySet());
        return regions.contains(region) ? "" : String.format("%nripple replica: region %s is not in the config "
                + "(regions: %s), so the propagator routes nothing to it and %s will not exist until it is added "
                + "(ripple config put /ripple/regions/%s …). Is --region mistyped? This replica waits for it.",
                region, regions.isEmpty() ? "none" : String.join(", ", regions), topics.replicate(region), region);
    }

    /** Stops the region as Ctrl-C does (for tests). Idempotent. */
    void stop() {
        Lifetime running = lifetime;
        if (running != null) {
            running.stop();
        }
    }
}
