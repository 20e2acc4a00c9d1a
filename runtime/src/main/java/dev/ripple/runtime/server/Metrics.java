package dev.ripple.runtime.server;

import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Consumer;

/**
 * The one meter registry of a Ripple process. Components bind their {@link MeterBinder}s to it; {@code GET
 * /metrics} exports it in the Prometheus text format. Every timer and distribution summary named {@code ripple.…}
 * gets a percentile histogram (for {@code histogram_quantile} in Prometheus) and client-side p50/p99 (for the
 * dashboard), so components need not configure distributions themselves.
 *
 * <p>Thread-safe.
 */
public final class Metrics {
    /** The percentiles the dashboard reads from every {@code ripple.} timer. */
    public static final double[] PERCENTILES = {0.5, 0.99};
    /** Content type of the Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    private Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A registry with Ripple's distribution defaults and the JVM's memory, thread and uptime meters. (Not
     * Micrometer's processor meters: their {@code system_cpu_count} and {@code process_cpu_time_ns_total} names
     * fail {@code promtool check metrics}.)
     */
    public static Metrics create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                // Prometheus wants help text on every metric (promtool lints it): fall back to the meter's name
                String description = id.getDescription();
                return description != null && !description.isBlank() ? id : new Meter.Id(id.getName(),
                        Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), id.getName(), id.getType());
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("ripple.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true).percentiles(PERCENTILES)
                        .build().merge(config);
            }
        });
        Metrics metrics = new Metrics(registry);
        metrics.bind(new JvmMemoryMetrics(), new JvmThreadMetrics(), new UptimeMetrics());
        return metrics;
    }

    /** Binds each component's meters to this registry. */
    public Metrics bind(MeterBinder... binders) {
        for (MeterBinder binder : binders) {
            binder.bindTo(registry);
        }
        return this;
    }

    /** The registry, for readers such as the dashboard. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** {@code GET /metrics}. */
    public Consumer<JavalinConfig> routes() {
        return config -> config.routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(scrape()));
    }
}
