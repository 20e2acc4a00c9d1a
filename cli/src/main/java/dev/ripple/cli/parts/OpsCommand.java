package dev.ripple.cli.parts;

import dev.ripple.cli.CliException;
import dev.ripple.cli.PartOptions;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.MonitorPart;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.config.ConfigStore;
import dev.ripple.events.TopicNames;
import dev.ripple.monitor.dashboard.DashboardConfig;
import dev.ripple.monitor.lag.LagMonitorConfig;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple ops}: the lag monitor, {@code /metrics}, the ops APIs and the dashboard, alone against a cluster. */
@Command(name = "ops", description = {"Run monitoring alone against a Kafka cluster: the lag monitor, /metrics,",
        "/api/lag|regions|conits|dlq, DLQ replay (with --admin-token) and the dashboard at /.",
        "With --etcd it also shows the configured regions and conits."})
public final class OpsCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 9400;

    @Option(names = "--group-prefix", split = ",", defaultValue = "ripple-,ripple.",
            description = "Consumer group id prefixes of Ripple groups (default: ${DEFAULT-VALUE}).")
    List<String> groupPrefixes;

    @Option(names = "--interval", defaultValue = "" + LagMonitorConfig.DEFAULT_INTERVAL_SECONDS,
            description = "Seconds between lag samples (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--window", defaultValue = "" + LagMonitorConfig.DEFAULT_WINDOW,
            description = "Samples per status window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--dashboard-sample-s", defaultValue = "" + DashboardConfig.DEFAULT_SAMPLE_SECONDS,
            description = "Seconds between samples of the meters the dashboard's rates and latency percentiles come "
                    + "from (default: ${DEFAULT-VALUE}).")
    int dashboardSampleSeconds;

    @Option(names = "--dashboard-retention-m", defaultValue = "" + DashboardConfig.DEFAULT_RETENTION_MINUTES,
            description = "Minutes of those samples kept: the longest window the dashboard offers (default: "
                    + "${DEFAULT-VALUE}).")
    int dashboardRetentionMinutes;

    @Option(names = "--dashboard-window", defaultValue = DashboardConfig.DEFAULT_WINDOW,
            description = "The dashboard's window when the page or ?window= names none, e.g. 1m, 15m, 1h (default: "
                    + "${DEFAULT-VALUE}).")
    String dashboardWindow;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic name prefix (default: "
            + "${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--admin-token", defaultValue = "${env:" + AdminToken.ENV + "}",
            description = "Token that DLQ replays must present (env " + AdminToken.ENV + "); without one, replays "
                    + "are refused.")
    String adminToken;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PartContext start = PartContext.of(part.kafka().settings(), Clock.systemUTC())
                .withTopics(new TopicNames(topicPrefix));
        DashboardConfig dashboard;
        try {
            MonitorPart.config(start, this::tune);
            dashboard = DashboardConfig.of(Duration.ofSeconds(dashboardSampleSeconds),
                    Duration.ofMinutes(dashboardRetentionMinutes)).withDefaultWindow(dashboardWindow);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
        HttpServerOptions httpOptions = part.http().options();
        return new Lifetime("ripple ops", spec.commandLine().getOut())
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout()).run(group -> {
            PartContext context = part.etcd().isSet()
                    ? ConfigParts.open(group, start, ConfigStore.etcd(part.etcd().options())) : start;
            group.add(MonitorPart.start(context, this::tune, dashboard, AdminToken.required(adminToken)));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            return String.format("ripple ops: watching %s; dashboard %s/ (metrics %s/metrics)%s",
                    context.kafka().bootstrapServers(), server.url(), server.url(),
                    adminToken == null || adminToken.isBlank() ? "; DLQ replay disabled (no --admin-token)" : "");
        }, "ripple ops: stopped.");
    }

    private LagMonitorConfig tune(LagMonitorConfig defaults) {
        return defaults.withGroupPrefixes(groupPrefixes).withSampling(Duration.ofSeconds(interval), window);
    }
}
