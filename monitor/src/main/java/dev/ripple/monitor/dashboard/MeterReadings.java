package dev.ripple.monitor.dashboard;

import dev.ripple.runtime.server.ServerMetricNames;
import static dev.ripple.monitor.dashboard.Views.object;

import dev.ripple.cachepurger.PurgerMetricNames;
import dev.ripple.monitor.MonitorMetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads other components' meters by name; every method answers null when the meter is not registered. */
final class MeterReadings {
    private final MeterRegistry registry;

    MeterReadings(MeterRegistry registry) {
        this.registry = registry;
    }

    /** p50, p99 (ms) and count of a timer, summed over its series of one region (or all, for null). */
    Map<String, Object> latency(String name, String region) {
        Collection<Timer> timers = search(name, region).timers();
        if (timers.isEmpty()) {
            return null;
        }
        double p50 = 0;
        double p99 = 0;
        long count = 0;
        for (Timer timer : timers) {
            count += timer.count();
            for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.5) {
                    p50 = Math.max(p50, v.value(TimeUnit.MILLISECONDS));
                } else if (v.percentile() == 0.99) {
                    p99 = Math.max(p99, v.value(TimeUnit.MILLISECONDS));
                }
            }
        }
        return object("p50_ms", p50, "p99_ms", p99, "count", count);
    }

    /** The sum of a counter's series (of one region, or all for null), counted or function counters alike. */
    Double count(String name, String region, Tag... tags) {
        Collection<Counter> counters = search(name, region).tags(List.of(tags)).counters();
        Collection<FunctionCounter> functions = search(name, region).tags(List.of(tags)).functionCounters();
        return counters.isEmpty() && functions.isEmpty() ? null : counters.stream().mapToDouble(Counter::count).sum()
                + functions.stream().mapToDouble(FunctionCounter::count).sum();
    }

    /** A gauge's value, optionally narrowed by conit and region tags. */
    Double gauge(String name, String conit, String region) {
        Search search = registry.find(name);
        if (conit != null) {
            search = search.tag("conit", conit);
        }
        if (region != null) {
            search = search.tag("region", region);
        }
        Gauge gauge = search.gauge();
        return gauge == null ? null : gauge.value();
    }

    /** Circuit breakers and their current state (the resilience4j state gauge at 1). */
    List<Map<String, Object>> breakers() {
        List<Map<String, Object>> breakers = new ArrayList<>();
        for (Gauge g : registry.find(DashboardSources.BREAKER_STATE).gauges()) {
            if (g.value() >= 1) {
                breakers.add(object("name", g.getId().getTag(DashboardSources.TAG_REGION) + "/"
                        + g.getId().getTag(PurgerMetricNames.TAG_TARGET), "state",
                        g.getId().getTag(PurgerMetricNames.TAG_STATE).toUpperCase(Locale.ROOT)));
            }
        }
        return breakers;
    }

    /** Each part of this process with its {@link MonitorMetricNames#COMPONENT_UP} gauge: component, region, up. */
    List<Map<String, Object>> components() {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Gauge g : registry.find(ServerMetricNames.COMPONENT_UP).gauges()) {
            parts.add(object("component", g.getId().getTag(MonitorMetricNames.TAG_COMPONENT), "region",
                    g.getId().getTag(MonitorMetricNames.TAG_REGION), "up", g.value() >= 1));
        }
        return parts;
    }

    private Search search(String name, String region) {
        Search search = registry.find(name);
        return region == null ? search : search.tag(DashboardSources.TAG_REGION, region);
    }
}
