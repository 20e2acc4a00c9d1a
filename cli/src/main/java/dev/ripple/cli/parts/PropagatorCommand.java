package dev.ripple.cli.parts;

import dev.ripple.cli.CliException;
import dev.ripple.cli.PartOptions;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.cli.wiring.PropagatorPart;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.DemoConfig;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.Delivery;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple propagator}: runs the propagator until Ctrl-C or SIGTERM, or until it fails. */
@Command(name = "propagator",
        description = {"Run the propagator alone: the Kafka Streams application that routes every stream's edits",
                "to each region's replicate and purge topics. Follows rules, regions and conits in etcd;",
                "without --etcd, an in-memory store holding the demo config."})
public final class PropagatorCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 8083;
    /** The environment variable that chooses the delivery mode without {@code --delivery}. */
    public static final String DELIVERY_ENV = "RIPPLE_DELIVERY";
    /** The environment variable that gives {@code --advertised-address}. */
    public static final String ADVERTISED_ENV = "RIPPLE_ADVERTISED_ADDRESS";

    @Option(names = "--partitions", defaultValue = "6",
            description = "The cluster's partition count of every source stream and region topic (default: "
                    + "${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--application-id", defaultValue = "ripple-propagator",
            description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:RIPPLE_STATE_DIR}",
            description = {"Directory of task state, kept across restarts so that a restart does not rebuild it",
                    "from the changelogs (env RIPPLE_STATE_DIR; default: ripple-state in the working directory)."})
    Path stateDir;

    @Option(names = "--standby-replicas", defaultValue = "" + PropagatorConfig.DEFAULT_STANDBY_REPLICAS,
            description = {"Warm copies of each task's state on other instances, so a dead instance's tasks resume",
                    "without restoring their state first (default: ${DEFAULT-VALUE})."})
    int standbyReplicas;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Stream threads in this instance (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--commit-interval-ms", defaultValue = "" + PropagatorConfig.DEFAULT_COMMIT_INTERVAL_MS,
            description = {"How often the exactly-once transaction commits (default: ${DEFAULT-VALUE}). Region",
                    "topics are read committed: shorter lowers end-to-end latency and costs CPU per event.",
                    "Under at-least-once: how often offsets commit, so how much a crash routes again."})
    long commitIntervalMs;

    @Option(names = "--delivery", paramLabel = "MODE", defaultValue = "${env:" + DELIVERY_ENV + ":-exactly-once}",
            description = {"exactly-once: each event once on the region topics, seen by appliers at the next",
                    "commit. at-least-once: seen as soon as written, and a crash routes the events since the last",
                    "commit again (the version gate and version-gated applies make that harmless). Env "
                            + DELIVERY_ENV + " (default: exactly-once)."})
    String delivery;

    @Option(names = "--compression", defaultValue = PropagatorConfig.DEFAULT_COMPRESSION,
            description = "Producer compression: none, gzip, snappy, lz4 or zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--batch-bytes", defaultValue = "" + PropagatorConfig.DEFAULT_BATCH_BYTES,
            description = "Producer batch size per partition, bytes (default: ${DEFAULT-VALUE}).")
    int batchBytes;

    @Option(names = "--advertised-address", paramLabel = "HOST:PORT", defaultValue = "${env:" + ADVERTISED_ENV + "}",
            description = {"The HTTP address other instances and 'ripple deps' reach this one at (Streams'",
                    "application.server), so an instance asked about a key another owns names it. Env "
                            + ADVERTISED_ENV + "; default:",
                    "--host:--port, unless the host is a wildcard or the port 0."})
    String advertisedAddress;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The propagator's settings from the options; an invalid value is a {@link CliException} naming it. */
    PropagatorConfig config() {
        return config(part.kafka().settings());
    }

    private PropagatorConfig config(KafkaSettings settings) {
        try {
            return PropagatorPart.config(settings, new TopicNames(topicPrefix), this::tune);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private PropagatorConfig tune(PropagatorConfig defaults) {
        PropagatorConfig tuned = defaults.withApplicationId(applicationId).withPartitions(partitions)
                .withStateDir(stateDir != null ? stateDir : Path.of("ripple-state"))
                .withReplication((short) -1, standbyReplicas).withStreamThreads(streamThreads)
                .withCommitInterval(Duration.ofMillis(commitIntervalMs))
                .withProducerBatching(compression, batchBytes)
                .withDelivery(Delivery.of(delivery, "--delivery"));
        String advertised = advertised();
        if (advertised == null) {
            return tuned;
        }
        Map<String, String> overrides = new HashMap<>(tuned.kafkaOverrides());
        overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        return tuned.withKafkaOverrides(overrides);
    }

    /** {@code --advertised-address}, else where the server listens if others can reach it there; else null. */
    private String advertised() {
        if (advertisedAddress != null && !advertisedAddress.isBlank()) {
            if (!advertisedAddress.matches("[^:/\\s]+:[0-9]{1,5}")) {
                throw new CliException("--advertised-address must be HOST:PORT, was '" + advertisedAddress + "'.");
            }
            return advertisedAddress;
        }
        String host = part.http().host();
        int port = part.http().port(DEFAULT_PORT);
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        return port == 0 || wildcard ? null : host + ":" + port;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        KafkaSettings settings = part.kafka().settings();
        PropagatorConfig config = config(settings);
        PartContext start = PartContext.of(settings, Clock.systemUTC()).withTopics(config.topics());
        HttpServerOptions httpOptions = part.http().options();
        return new Lifetime("ripple propagator", out)
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout()).run(group -> {
            ConfigStore store;
            if (part.etcd().isSet()) {
                store = ConfigStore.etcd(part.etcd().options());
            } else {
                store = ConfigStore.inMemory();
                DemoConfig.seed(store);
                out.println("ripple propagator: no --etcd given; following an in-memory config store with the demo "
                        + "config (changes cannot be made to it)");
            }
            PartContext context = ConfigParts.open(group, start, store);
            PropagatorPart propagator = group.add(PropagatorPart.start(context, this::tune));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            return String.format("ripple propagator: %s on %s, %s delivery, %s; /metrics and /readyz at %s; Ctrl-C "
                    + "to stop", config.applicationId(), config.bootstrapServers(), config.delivery(),
                    propagator.summary(), server.url());
        }, "ripple propagator: stopped.");
    }
}
