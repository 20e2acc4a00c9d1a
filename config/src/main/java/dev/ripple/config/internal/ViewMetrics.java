package dev.ripple.config.internal;

import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigMetricNames;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DocumentKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The meters of a {@link ConfigView}: gauges over its state and counters it advances. */
final class ViewMetrics implements MeterBinder {
    private final ConfigView view;
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final AtomicLong reloads = new AtomicLong();

    ViewMetrics(ConfigView view) {
        this.view = view;
        for (DocumentKind kind : DocumentKind.values()) {
            rejected.put(tag(kind), new AtomicLong());
        }
        rejected.put("unknown", new AtomicLong());
    }

    void rejected(String key) {
        String kind = ConfigKeys.parse(key).map(ref -> tag(ref.kind())).orElse("unknown");
        rejected.get(kind).incrementAndGet();
    }

    void reloaded() {
        reloads.incrementAndGet();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(ConfigMetricNames.DOCUMENTS, view, v -> v.snapshot().documents().size())
                .description("Valid config documents in force").register(registry);
        Gauge.builder(ConfigMetricNames.INVALID_DOCUMENTS, view, v -> v.problems().size())
                .description("Config keys whose current value is invalid; their last good version stays in force")
                .register(registry);
        Gauge.builder(ConfigMetricNames.REVISION, view, v -> v.snapshot().revision())
                .description("Config store revision the view reflects").register(registry);
        rejected.forEach((kind, count) -> FunctionCounter.builder(ConfigMetricNames.REJECTED, count,
                        AtomicLong::doubleValue)
                .description("Invalid config document versions seen").tag(ConfigMetricNames.TAG_KIND, kind)
                .register(registry));
        FunctionCounter.builder(ConfigMetricNames.RELOADS, reloads, AtomicLong::doubleValue)
                .description("Full config reloads after the watch history was compacted").register(registry);
    }

    private static String tag(DocumentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
