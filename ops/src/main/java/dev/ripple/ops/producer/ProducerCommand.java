package dev.ripple.ops.producer;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.HttpServerFlags;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.ops.cli.SessionKeys;
import dev.ripple.ops.server.HttpServerOptions;
import dev.ripple.ops.server.PartServer;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.ops.status.ConitFollower;
import dev.ripple.ops.status.Parts;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.PublisherConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple producer}: the intake HTTP API alone, against a Kafka cluster and etcd, until SIGTERM. */
@Command(name = "producer",
        description = {"Run the intake HTTP API (POST /v1/events) against a Kafka cluster, with config from etcd.",
                "Session keys come from " + SessionKeys.ENV + "; producers need bearer tokens (ripple config)."})
public final class ProducerCommand implements Callable<Integer> {

    @CommandLine.Mixin
    KafkaConnection kafka;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of every stream topic, one count for the cluster (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--origin", description = "This intake's region, written to meta.origin when absent.")
    String origin;

    @Option(names = "--max-body-bytes", defaultValue = "16777216", description = "Largest request body (default: "
            + "${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-batch-events", defaultValue = "1000", description = "Most events a request "
            + "(default: ${DEFAULT-VALUE}).")
    int maxBatchEvents;

    @CommandLine.Mixin
    HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        // bodies up to the intake's limit are read without a thread, so none can trickle on one
        HttpServerOptions base = httpFlags.options();
        HttpServerOptions httpOptions = maxBodyBytes <= base.maxBufferedBytes() && maxBodyBytes >= 1024
                ? base.withBufferedBodyBytes((int) Math.min(maxBodyBytes, 256L << 20)) : base;
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.parse(System.getenv(SessionKeys.ENV)));
        Clock clock = Clock.systemUTC();
        ConitFollower conits = ConitFollower.start(etcd.options(), kafka.bootstrapServers(), TopicNames.defaults(),
                clock);
        ConfigView view = conits.view();
        long epoch = conits.epoch();
        IntakeConfig intakeConfig = IntakeConfig.defaults().withLimits(maxBodyBytes, maxBatchEvents)
                .withPartitions(partitions).withOrigin(origin);
        Intake intake = Intake.start(intakeConfig, new PublisherConfig(kafka.bootstrapServers(), TopicNames.defaults(),
                tokens, epoch, PublisherConfig.DEFAULT_MAX_EVENT_BYTES, 32L << 20, java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(30), java.util.Map.of()), view, conits.writeThrottle(), clock);
        List<Readiness.Part> parts = new ArrayList<>(List.of(Parts.intake(intake)));
        parts.addAll(conits.parts());
        RippleHttpServer http = PartServer.start(host, port, httpOptions, Readiness.of(parts),
                List.of(intake.metrics(), view.metrics()), List.of(intake.routes()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            intake.close();
            conits.close();
            stopped.countDown();
        }, "ripple-producer-shutdown"));
        out.printf("ripple producer: intake at %s/v1/events (Kafka %s, epoch %d)%n", http.url(), kafka.bootstrapServers(),
                epoch);
        out.flush();
        stopped.await();
        return 0;
    }
}
