package dev.ripple.ops.producer;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.ops.cli.SessionKeys;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.producer.WriteThrottle;
import java.io.PrintWriter;
import java.time.Clock;
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
    dev.ripple.ops.cli.HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        dev.ripple.ops.server.HttpServerOptions httpOptions = httpFlags.options();
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.parse(System.getenv(SessionKeys.ENV)));
        Clock clock = Clock.systemUTC();
        ConfigStore store = ConfigStore.etcd(etcd.options());
        ConfigView view = ConfigView.open(store, clock);
        long epoch = view.snapshot().epoch() == null ? 0 : view.snapshot().epoch().epoch();
        IntakeConfig intakeConfig = IntakeConfig.defaults().withLimits(maxBodyBytes, maxBatchEvents)
                .withPartitions(partitions).withOrigin(origin);
        Intake intake = Intake.start(intakeConfig, new PublisherConfig(kafka.bootstrapServers(), TopicNames.defaults(),
                tokens, epoch, PublisherConfig.DEFAULT_MAX_EVENT_BYTES, 32L << 20, java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(30), java.util.Map.of()), view, WriteThrottle.NONE, clock);
        RippleHttpServer http = RippleHttpServer.start(host, port, httpOptions, List.of(intake.routes()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            intake.close();
            view.close();
            store.close();
            stopped.countDown();
        }, "ripple-producer-shutdown"));
        out.printf("ripple producer: intake at %s/v1/events (Kafka %s, epoch %d)%n", http.url(), kafka.bootstrapServers(),
                epoch);
        out.flush();
        stopped.await();
        return 0;
    }
}
