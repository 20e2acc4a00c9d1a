package dev.ripple.ops.replica;

import dev.ripple.ops.cli.SessionKeys;
import dev.ripple.ops.cli.HttpServerFlags;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.ops.cli.CliException;
import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.status.ConitFollower;
import dev.ripple.replica.ReadGate;
import dev.ripple.ops.server.HttpServerOptions;
import dev.ripple.ops.server.PartServer;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.ops.status.Parts;
import dev.ripple.ops.up.UpEndpoints;
import dev.ripple.ops.up.UpFile;
import dev.ripple.replica.ReplicaException;
import dev.ripple.replica.ReplicaService;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple replica --region R}: one region's applier and its read API, until Ctrl-C or SIGTERM. */
@Command(name = "replica",
        description = {"Replicate one region: apply ripple.replicate.<region> to its Redis store (and HTTP targets),",
                "publish its position to ripple.positions, and serve the read API. Kafka and Redis default to the",
                "running 'ripple up'."})
public final class ReplicaCommand implements Callable<Integer> {

    @Option(names = "--region", required = true, description = "The region to replicate, e.g. eqiad.")
    String region;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: the running ripple up's).")
    String bootstrapServers;

    @Option(names = "--redis", description = "The region's Redis, redis://host:port (default: the running ripple up's).")
    String redis;

    @Option(names = "--http-target", description = "An HTTP replica target of the region; repeatable.")
    List<URI> httpTargets = new ArrayList<>();

    @Option(names = "--port", defaultValue = "8082",
            description = "Port on --host of the read API, /metrics and /readyz (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Read API address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--epoch", description = "The current epoch (default: /ripple/epoch with --etcd, else 1).")
    Long epoch;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @Option(names = "--partitions", defaultValue = "6",
            description = "The cluster's source partition count (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic and Redis key prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--session-key-file", description = {"File holding the session keys, id:base64[,id:base64…]",
            "(else $RIPPLE_SESSION_KEYS; the same keys as the producers')."})
    Path sessionKeyFile;

    @CommandLine.Mixin
    HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Runnable stop = () -> { };

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        HttpServerOptions httpOptions = httpFlags.options();
        Optional<UpEndpoints> up = UpFile.locate().running();
        String kafka = orUp(bootstrapServers, up.map(UpEndpoints::kafka), "--bootstrap-servers");
        String redisUri = orUp(redis, up.map(UpEndpoints::redis), "--redis");
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.load(sessionKeyFile));
        Clock clock = Clock.systemUTC();
        ConitFollower conits = etcd.isSet() ? ConitFollower.start(etcd.options(), kafka, new TopicNames(prefix), clock)
                : null;
        long currentEpoch = epoch != null ? epoch : conits != null ? conits.epoch() : 1;
        ReplicaService service;
        RippleHttpServer http;
        try {
            service = ReplicaService.start(ReplicaService.Options.defaults(List.of(new ReplicaService.Region(region,
                            redisUri, httpTargets)), kafka, tokens).withEpoch(currentEpoch).withPartitions(partitions)
                    .withTopics(new TopicNames(prefix)), conits == null ? ReadGate.OPEN : conits.readGate(), clock);
        } catch (ReplicaException | IllegalArgumentException e) {
            closeQuietly(conits);
            throw new CliException(e.getMessage());
        }
        try {
            List<Readiness.Part> parts = new ArrayList<>(Parts.replicas(service.appliers()));
            if (conits != null) {
                parts.addAll(conits.parts());
            }
            http = PartServer.start(host, port, httpOptions, Readiness.of(parts), List.of(service.metrics()),
                    List.of(service.routes()));
        } catch (IllegalStateException e) {
            service.close();
            closeQuietly(conits);
            throw new CliException(e.getMessage());
        }
        stop = () -> {
            if (stopped.getCount() > 0) {
                http.close();
                service.close();
                closeQuietly(conits);
                out.println("ripple replica: stopped region " + region + ".");
                out.flush();
                stopped.countDown();
            }
        };
        Thread hook = new Thread(this::stop, "ripple-replica-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("ripple replica: region %s from %s into %s; read API at %s/v1/regions/%s/ (Ctrl-C to stop)%n",
                region, new TopicNames(prefix).replicate(region), redisUri, http.url(), region);
        if (conits == null) {
            out.println("ripple replica: no --etcd given, so no conit gates reads here (epoch " + currentEpoch + ")");
        }
        out.flush();
        stopped.await();
        if (!Thread.currentThread().equals(hook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        return 0;
    }

    /** Stops the region as Ctrl-C does (for the shutdown hook and tests). Idempotent. */
    synchronized void stop() {
        stop.run();
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part != null) {
            try {
                part.close();
            } catch (Exception e) {
                // stopping: the other parts still close
            }
        }
    }

    private static String orUp(String given, Optional<String> fromUp, String option) {
        if (given != null) {
            return given;
        }
        return fromUp.orElseThrow(() -> new CliException("Pass " + option + ": no ripple up is running here to take "
                + "it from."));
    }
}
