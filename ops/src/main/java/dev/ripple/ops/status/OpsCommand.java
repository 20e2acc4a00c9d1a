package dev.ripple.ops.status;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.HttpServerFlags;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.events.TopicNames;
import dev.ripple.ops.cli.CliException;
import dev.ripple.ops.lag.LagMonitorConfig;
import dev.ripple.ops.server.AdminToken;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.server.RippleHttpServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple ops}: the lag monitor, {@code /metrics}, the ops APIs and the dashboard, alone against a cluster. */
@Command(name = "ops", description = {"Run monitoring alone against a Kafka cluster: the lag monitor, /metrics,",
        "/api/lag|regions|conits|dlq, DLQ replay (with --admin-token) and the dashboard at /.",
        "With --etcd it also shows the configured regions and conits."})
public final class OpsCommand implements Callable<Integer> {
    @CommandLine.Mixin
    KafkaConnection kafka;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9400", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--group-prefix", split = ",", defaultValue = "ripple-,ripple.",
            description = "Consumer group id prefixes of Ripple groups (default: ${DEFAULT-VALUE}).")
    List<String> groupPrefixes;

    @Option(names = "--interval", defaultValue = "5", description = "Seconds between lag samples (default: "
            + "${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--window", defaultValue = "10", description = "Samples per status window (default: "
            + "${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic name prefix (default: "
            + "${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--admin-token", defaultValue = "${env:" + AdminToken.ENV + "}",
            description = "Token that DLQ replays must present (env " + AdminToken.ENV + "); without one, replays "
                    + "are refused.")
    String adminToken;

    @CommandLine.Mixin
    HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LagMonitorConfig lag;
        try {
            lag = LagMonitorConfig.defaults(kafka.bootstrapServers()).withGroupPrefixes(groupPrefixes)
                    .withSampling(Duration.ofSeconds(interval), window).withTopics(new TopicNames(topicPrefix));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(parts);
            stopped.countDown();
        }, "ripple-ops-shutdown"));
        try {
            ConfigView view = null;
            if (etcd.isSet()) {
                ConfigStore store = push(parts, ConfigStore.etcd(etcd.options()));
                view = push(parts, ConfigView.open(store, Clock.systemUTC()));
            }
            Monitoring monitoring = push(parts, Monitoring.start(new Monitoring.Options(lag,
                    AdminToken.required(adminToken)), view, Clock.systemUTC()));
            List<Readiness.Part> running = new java.util.ArrayList<>(List.of(Parts.lag(monitoring.lag())));
            if (view != null) {
                monitoring.metrics().bind(view.metrics());
                running.add(Parts.config(view));
            }
            Readiness readiness = Readiness.of(running);
            monitoring.metrics().bind(readiness);
            RippleHttpServer http = push(parts, RippleHttpServer.start(host, port, httpFlags.options(),
                    List.of(monitoring.routes(), readiness.routes())));
            monitoring.metrics().bind(http.metrics());
            out.printf("ripple ops: watching %s; dashboard %s/ (metrics %s/metrics)%s%n", kafka.bootstrapServers(),
                    http.url(), http.url(), adminToken == null || adminToken.isBlank()
                            ? "; DLQ replay disabled (no --admin-token)" : "");
            out.flush();
        } catch (RuntimeException e) {
            closeAll(parts);
            throw new CliException(e.getMessage());
        }
        stopped.await();
        return 0;
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> parts, T part) {
        synchronized (parts) {
            parts.push(part);
        }
        return part;
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        synchronized (parts) {
            while (!parts.isEmpty()) {
                try {
                    parts.pop().close();
                } catch (Exception e) {
                    // stopping: the next part still closes
                }
            }
        }
    }
}
