package dev.ripple.cli.parts;

import dev.ripple.cli.CliException;
import dev.ripple.cli.PartOptions;
import dev.ripple.cli.RegionName;
import dev.ripple.cli.SessionKeys;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.IntakePart;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.config.EtcdOptions;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.RetryWindow;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple producer}: the intake HTTP API alone, against a Kafka cluster and etcd, until SIGTERM. */
@Command(name = "producer",
        description = {"Run the intake HTTP API (POST /v1/events) against a Kafka cluster, with config from etcd.",
                "Session keys come from " + SessionKeys.ENV + "; producers need bearer tokens (ripple config)."})
public final class ProducerCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 8081;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of every stream topic, one count for the cluster (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--origin", converter = RegionName.class,
            description = "This intake's region, written to meta.origin when absent.")
    String origin;

    @Option(names = "--max-body-bytes", defaultValue = "16777216", description = "Largest request body (default: "
            + "${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-batch-events", defaultValue = "1000", description = "Most events a request "
            + "(default: ${DEFAULT-VALUE}).")
    int maxBatchEvents;

    @Option(names = "--publish-timeout-ms", defaultValue = "5000", description = {"Longest a request waits for "
            + "Kafka before it is answered 503 with Retry-After",
            "(default: ${DEFAULT-VALUE}; 100 to 300000). Kafka sends never block longer."})
    long publishTimeoutMs;

    @Option(names = "--retry-window-s", defaultValue = "600", description = {"How long a client's meta.id is "
            + "remembered, so that a retry is answered",
            "with the first publish's outcome instead of being written again (default: ${DEFAULT-VALUE})."})
    long retryWindowSeconds;

    @Option(names = "--retry-max-ids", defaultValue = "100000", description = "Most meta.ids remembered at once, "
            + "oldest forgotten first; 0: none (default: ${DEFAULT-VALUE}).")
    int retryMaxIds;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        IntakeConfig config;
        try {
            config = IntakeConfig.defaults().withLimits(maxBodyBytes, maxBatchEvents).withPartitions(partitions)
                    .withOrigin(origin).withPublishTimeout(Duration.ofMillis(publishTimeoutMs))
                    .withRetries(new RetryWindow(Duration.ofSeconds(retryWindowSeconds), retryMaxIds));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
        // bodies up to the intake's limit are read without a thread, so none can trickle on one
        HttpServerOptions base = part.http().options();
        HttpServerOptions httpOptions = maxBodyBytes <= base.maxBufferedBytes() && maxBodyBytes >= 1024
                ? base.withBufferedBodyBytes((int) Math.min(maxBodyBytes, 256L << 20)) : base;
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.parse(System.getenv(SessionKeys.ENV)));
        PartContext start = PartContext.of(part.kafka().settings(), Clock.systemUTC()).withTokens(tokens);
        EtcdOptions etcd = part.etcd().options(); // required: refused before any wait
        return new Lifetime("ripple producer", spec.commandLine().getOut())
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout()).run(group -> {
            PartContext context = ConfigParts.followConits(group, start, etcd);
            IntakePart intake = group.add(IntakePart.start(context, config));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            return String.format("ripple producer: %s at %s/v1/events (Kafka %s, epoch %d)", intake.summary(),
                    server.url(), context.kafka().bootstrapServers(), context.epoch().current());
        }, "ripple producer: stopped.");
    }
}
