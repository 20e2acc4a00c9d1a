package dev.ripple.cli.wiring;

import dev.ripple.cli.parts.Parts;
import dev.ripple.monitor.Monitoring;
import dev.ripple.monitor.dashboard.DashboardConfig;
import dev.ripple.monitor.lag.LagMonitorConfig;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.Readiness;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Monitoring as a part: the lag monitor on the context's registry, DLQ access and the ops routes
 * ({@code /api/lag|regions|conits|dlq}, the dashboard at {@code /}).
 */
public final class MonitorPart implements Part {
    private final Monitoring monitoring;

    private MonitorPart(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    /** The lag monitor's settings: the defaults on the context's servers and topics, with its Kafka properties. */
    public static LagMonitorConfig config(PartContext context, UnaryOperator<LagMonitorConfig> settings) {
        return settings.apply(LagMonitorConfig.defaults(context.kafka().bootstrapServers())
                .withTopics(context.topics())).withClientSettings(context.kafka().properties());
    }

    /**
     * Starts the lag monitor and the dashboard's history; the dashboard shows the context's config, if any.
     *
     * @param dashboard the dashboard's sampling, retention and default window
     * @param admin what guards DLQ replays
     * @throws IllegalArgumentException from a {@code with…} method given an invalid value
     */
    public static MonitorPart start(PartContext context, UnaryOperator<LagMonitorConfig> settings,
            DashboardConfig dashboard, AdminToken admin) {
        return new MonitorPart(Monitoring.start(new Monitoring.Options(config(context, settings), dashboard, admin),
                context.config(), context.metrics(), context.clock()));
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    @Override
    public List<Readiness.Part> readiness() {
        return List.of(Parts.lag(monitoring.lag()));
    }

    @Override
    public List<Consumer<JavalinConfig>> routes() {
        return List.of(monitoring.routes());
    }

    @Override
    public String summary() {
        return "lag monitor, DLQ access and the dashboard";
    }

    @Override
    public void close() {
        monitoring.close();
    }

    @Override
    public String toString() {
        return "monitoring";
    }
}
