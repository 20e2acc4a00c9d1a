package dev.ripple.cli.parts;

import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerLimits;
import dev.ripple.cli.CliException;
import dev.ripple.cli.PartOptions;
import dev.ripple.cli.RedisConnection;
import dev.ripple.cli.RegionName;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.cli.wiring.PurgerPart;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple purger --region R}: one region's cache purger against a Kafka cluster and etcd, until SIGTERM. */
@Command(name = "purger",
        description = {"Purge one region's caches (its purge targets in the config store) from ripple.purge.<region>.",
                "Redis targets without a redis_uri use the region's, else --redis."})
public final class PurgerCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 8084;

    @Option(names = "--region", required = true, converter = RegionName.class,
            description = "The region to purge.")
    String region;

    @CommandLine.Mixin
    RedisConnection redis;

    @Option(names = "--group-id", description = "Consumer group (default: ripple-purger-<region>).")
    String groupId;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of every stream topic, one count for the cluster (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--max-in-flight", defaultValue = "1024",
            description = "Purges sent to targets at once, across keys (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--coalesce-ms", defaultValue = "0",
            description = "How long a purge waits for identical purges of its key to merge (default: ${DEFAULT-VALUE}).")
    long coalesceMs;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PartContext start = PartContext.of(part.kafka().settings(), Clock.systemUTC())
                .withRedis(redis.uri().orElse(null));
        try {
            TopicNames.requireName("region", region);
            PurgerPart.config(start, region, this::tune);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
        HttpServerOptions httpOptions = part.http().options();
        EtcdOptions etcd = part.etcd().options(); // required: refused before any wait
        return new Lifetime("ripple purger", spec.commandLine().getOut())
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout()).run(group -> {
            PartContext context = ConfigParts.open(group, start, ConfigStore.etcd(etcd));
            PurgerPart purger = group.add(PurgerPart.start(context, region, this::tune));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            return String.format("ripple purger: %s (Kafka %s); /metrics and /readyz at %s", purger.summary(),
                    context.kafka().bootstrapServers(), server.url());
        }, "ripple purger: stopped region " + region + ".");
    }

    private PurgerConfig tune(PurgerConfig defaults) {
        PurgerConfig config = defaults.withPartitions(partitions).withLimits(PurgerLimits.defaults()
                .withMaxInFlight(maxInFlight).withCoalesceWindow(Duration.ofMillis(coalesceMs)));
        return groupId == null ? config : config.withGroupId(groupId);
    }
}
