package dev.ripple.ops.propagator;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.events.TopicNames;
import dev.ripple.ops.cli.CliException;
import dev.ripple.ops.cli.HttpServerFlags;
import dev.ripple.ops.server.PartServer;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.ops.status.Parts;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.propagator.PropagatorException;
import dev.ripple.runtime.lifecycle.State;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple propagator}: runs the propagator until Ctrl-C or SIGTERM, or until it fails. */
@Command(name = "propagator",
        description = {"Run the propagator alone: the Kafka Streams application that routes every stream's edits",
                "to each region's replicate and purge topics. Follows rules, regions and conits in etcd;",
                "without --etcd, an in-memory store holding the demo config."})
public final class PropagatorCommand implements Callable<Integer> {

    @CommandLine.Mixin
    KafkaConnection kafka;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @Option(names = "--partitions", defaultValue = "6",
            description = "The cluster's partition count of every source stream and region topic (default: "
                    + "${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--application-id", defaultValue = "ripple-propagator",
            description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--state-dir", description = "Directory of task state (default: a temporary directory).")
    Path stateDir;

    @Option(names = "--standby-replicas", defaultValue = "0",
            description = "Warm copies of each task's state on other instances (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Stream threads in this instance (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--commit-interval-ms", defaultValue = "" + PropagatorConfig.DEFAULT_COMMIT_INTERVAL_MS,
            description = {"How often the exactly-once transaction commits (default: ${DEFAULT-VALUE}). Region",
                    "topics are read committed: shorter lowers end-to-end latency and costs CPU per event."})
    long commitIntervalMs;

    @Option(names = "--compression", defaultValue = PropagatorConfig.DEFAULT_COMPRESSION,
            description = "Producer compression: none, gzip, snappy, lz4 or zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--batch-bytes", defaultValue = "" + PropagatorConfig.DEFAULT_BATCH_BYTES,
            description = "Producer batch size per partition, bytes (default: ${DEFAULT-VALUE}).")
    int batchBytes;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8083", description = "Their HTTP port; 0 picks one (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The propagator's settings from the options; an invalid value is a {@link CliException} naming it. */
    PropagatorConfig config() {
        try {
            return PropagatorConfig.defaults(kafka.bootstrapServers()).withApplicationId(applicationId)
                    .withTopics(new TopicNames(topicPrefix)).withPartitions(partitions).withStateDir(stateDir)
                    .withReplication((short) -1, standbyReplicas).withStreamThreads(streamThreads)
                    .withCommitInterval(Duration.ofMillis(commitIntervalMs))
                    .withProducerBatching(compression, batchBytes);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PropagatorConfig config = config();
        ConfigStore store = etcd.isSet() ? ConfigStore.etcd(etcd.options()) : ConfigStore.inMemory();
        if (!etcd.isSet()) {
            DemoConfig.seed(store);
            out.println("ripple propagator: no --etcd given; following an in-memory config store with the demo "
                    + "config (changes cannot be made to it)");
        }
        try (store; ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(config, view, Clock.systemUTC());
             RippleHttpServer http = serve(propagator, view)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                propagator.close();
                stopped.countDown();
            }, "ripple-propagator-shutdown"));
            try {
                propagator.start();
            } catch (PropagatorException e) {
                throw new CliException(e.getMessage(), 1, e);
            }
            out.printf("ripple propagator: %s on %s, rule set version %d (rules %s, regions %s); /metrics and "
                    + "/readyz at %s; Ctrl-C to stop%n", config.applicationId(), config.bootstrapServers(),
                    propagator.ruleSet().version(), propagator.ruleSet().ruleNames(), propagator.ruleSet().regions(),
                    http.url());
            out.flush();
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (propagator.state() == State.FAILED) {
                    throw new CliException("the propagator stopped: " + propagator.failure().map(Throwable::toString)
                            .orElse("unknown cause") + ". Its log has the details; restart it when the cause is "
                            + "fixed (it resumes where it stopped, exactly once).");
                }
            }
            return 0;
        }
    }

    private RippleHttpServer serve(Propagator propagator, ConfigView view) {
        try {
            return PartServer.start(host, port, httpFlags.options(), Readiness.of(List.of(Parts.propagator(propagator),
                    Parts.config(view))), List.of(propagator.metrics(), view.metrics()), List.of());
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }
}
