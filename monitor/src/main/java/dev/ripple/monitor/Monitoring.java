package dev.ripple.monitor;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.monitor.dashboard.Dashboard;
import dev.ripple.monitor.dashboard.DashboardConfig;
import dev.ripple.monitor.dashboard.DashboardData;
import dev.ripple.monitor.dashboard.MeterHistory;
import dev.ripple.monitor.dlq.DeadLetterQueues;
import dev.ripple.monitor.dlq.DlqRoutes;
import dev.ripple.monitor.lag.LagMonitor;
import dev.ripple.monitor.lag.LagMonitorConfig;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.Metrics;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The monitoring of one process: the process's {@link Metrics} registry (components bind to {@link #metrics()}),
 * the lag monitor, DLQ access, and the routes of {@code /api/lag}, {@code /api/regions},
 * {@code /api/conits}, {@code /api/dlq[/{consumer}[/replay]]}, {@code /api/dashboard} and the dashboard at
 * {@code /}, with the history of the process's meters that the dashboard's rates and latency percentiles come
 * from. Used by {@code ripple ops} and {@code ripple up}.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ CLOSED
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class Monitoring implements AutoCloseable {
    /**
     * @param lag how the lag monitor samples (and which Kafka cluster)
     * @param dashboard how the dashboard's history samples, how much it keeps, and its default window
     * @param admin what guards DLQ replays
     */
    public record Options(LagMonitorConfig lag, DashboardConfig dashboard, AdminToken admin) {
        public Options {
            Objects.requireNonNull(lag, "lag");
            Objects.requireNonNull(dashboard, "dashboard");
            Objects.requireNonNull(admin, "admin");
        }
    }

    private final Metrics metrics;
    private final LagMonitor lag;
    private final DeadLetterQueues deadLetters;
    private final MeterHistory history;
    private final DashboardData data;
    private final AdminToken admin;

    private Monitoring(Metrics metrics, LagMonitor lag, DeadLetterQueues deadLetters, MeterHistory history,
            DashboardData data, AdminToken admin) {
        this.metrics = metrics;
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.history = history;
        this.data = data;
        this.admin = admin;
    }

    /**
     * Starts the lag monitor, binding its meters to the process's {@code metrics}, and the dashboard's history of
     * them.
     *
     * @param view the config in force (regions, conits), or null when this process follows no config
     */
    public static Monitoring start(Options options, ConfigView view, Metrics metrics, Clock clock) {
        LagMonitor lag = LagMonitor.start(options.lag(), clock);
        MeterHistory history = null;
        try {
            metrics.bind(lag.metrics());
            history = MeterHistory.start(options.dashboard(), metrics.registry(), clock);
            DeadLetterQueues dlq = new DeadLetterQueues(options.lag().bootstrapServers(),
                    options.lag().clientSettings(), options.lag().topics(), metrics.registry());
            Supplier<ConfigSnapshot> config = view == null ? () -> ConfigSnapshot.EMPTY : view::snapshot;
            return new Monitoring(metrics, lag, dlq, history, new DashboardData(lag, metrics.registry(), config,
                    history), options.admin());
        } catch (RuntimeException e) {
            if (history != null) {
                history.close();
            }
            lag.close();
            throw e;
        }
    }

    /** The process's registry: bind every component's meters here. */
    public Metrics metrics() {
        return metrics;
    }

    public LagMonitor lag() {
        return lag;
    }

    public DeadLetterQueues deadLetters() {
        return deadLetters;
    }

    /**
     * Every monitoring route but {@code /metrics}, to add to the process's HTTP server, which serves
     * {@link #metrics()} itself ({@link dev.ripple.runtime.server.PartServer}).
     */
    public Consumer<JavalinConfig> routes() {
        return config -> {
            config.routes.get("/api/lag", ctx -> ctx.json(data.lag()));
            config.routes.get("/api/conits", ctx -> ctx.json(data.conits()));
            config.routes.get("/api/dlq", ctx -> ctx.json(data.dlq()));
            DlqRoutes.routes(deadLetters, admin).accept(config);
            Dashboard.routes(data).accept(config);
        };
    }

    /** Stops the DLQ producer, the dashboard's history and the lag monitor. Idempotent. */
    @Override
    public void close() {
        deadLetters.close();
        history.close();
        lag.close();
    }
}
