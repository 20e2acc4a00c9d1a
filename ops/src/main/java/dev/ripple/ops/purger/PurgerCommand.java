package dev.ripple.ops.purger;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerException;
import dev.ripple.cachepurger.PurgerLimits;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.events.TopicNames;
import dev.ripple.ops.cli.CliException;
import dev.ripple.ops.cli.HttpServerFlags;
import dev.ripple.ops.server.PartServer;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.ops.status.Parts;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple purger --region R}: one region's cache purger against a Kafka cluster and etcd, until SIGTERM. */
@Command(name = "purger",
        description = {"Purge one region's caches (its purge targets in the config store) from ripple.purge.<region>.",
                "Redis targets without a redis_uri use the region's, else --redis."})
public final class PurgerCommand implements Callable<Integer> {

    @Option(names = "--region", required = true, description = "The region to purge.")
    String region;

    @CommandLine.Mixin
    KafkaConnection kafka;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @Option(names = "--redis", paramLabel = "URI", defaultValue = "${env:RIPPLE_REDIS}",
            description = "Redis of redis targets that name none, nor does their region (env RIPPLE_REDIS).")
    String redis;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8084", description = "Their HTTP port; 0 picks one (default: "
            + "${DEFAULT-VALUE}).")
    int port;

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
    HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PurgerConfig purgerConfig;
        try {
            TopicNames.requireName("region", region);
            purgerConfig = PurgerConfig.defaults(region, kafka.bootstrapServers()).withPartitions(partitions)
                    .withLimits(PurgerLimits.defaults().withMaxInFlight(maxInFlight)
                            .withCoalesceWindow(Duration.ofMillis(coalesceMs)))
                    .withDefaultRedisUri(redis == null || redis.isBlank() ? null : URI.create(redis));
            if (groupId != null) {
                purgerConfig = purgerConfig.withGroupId(groupId);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
        Clock clock = Clock.systemUTC();
        ConfigStore store = ConfigStore.etcd(etcd.options());
        ConfigView view = ConfigView.open(store, clock);
        CachePurger purger = CachePurger.create(purgerConfig, view, clock);
        RippleHttpServer http;
        try {
            http = PartServer.start(host, port, httpFlags.options(), Readiness.of(List.of(Parts.purger(purger), Parts.config(view))),
                    List.of(purger.metrics(), view.metrics()), List.of());
        } catch (IllegalStateException e) {
            view.close();
            store.close();
            throw new CliException(e.getMessage());
        }
        try {
            purger.start();
        } catch (PurgerException e) {
            http.close();
            view.close();
            store.close();
            throw new CliException(e.getMessage() + ".");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            purger.close();
            view.close();
            store.close();
            stopped.countDown();
        }, "ripple-purger-shutdown"));
        out.printf("ripple purger: region %s from %s (Kafka %s), targets %s; /metrics and /readyz at %s%n", region,
                purgerConfig.topics().purge(region), kafka.bootstrapServers(), purger.breakers().keySet(), http.url());
        out.flush();
        stopped.await();
        return 0;
    }
}
