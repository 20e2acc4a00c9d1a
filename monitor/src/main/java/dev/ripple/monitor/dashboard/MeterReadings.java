package dev.ripple.monitor.dashboard;

import static dev.ripple.monitor.dashboard.Views.object;

import dev.ripple.cachepurger.PurgerMetricNames;
import dev.ripple.monitor.MonitorMetricNames;
import dev.ripple.runtime.server.ServerMetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Reads other components' meters by name; every method answers null (or an empty map) when the meter is not
 * registered.
 */
final class MeterReadings {
    private final MeterRegistry registry;

    MeterReadings(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Each region's total of a counter's series with {@code tags}, counted or function counters alike; the key
     * {@link MeterSample#NO_REGION} sums the series without a region tag.
     */
    Map<String, Double> countsByRegion(String name, Tag... tags) {
        Map<String, Double> totals = new HashMap<>();
        for (Counter c : registry.find(name).tags(List.of(tags)).counters()) {
            totals.merge(region(c), c.count(), Double::sum);
        }
        for (FunctionCounter c : registry.find(name).tags(List.of(tags)).functionCounters()) {
            totals.merge(region(c), c.count(), Double::sum);
        }
        return totals;
    }

    /** Each region's latency histogram of a timer, summed over its series; the key {@code ""} as above. */
    Map<String, Buckets> bucketsByRegion(String name) {
        Map<String, List<Buckets>> byRegion = new HashMap<>();
        for (Timer timer : registry.find(name).timers()) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            CountAtBucket[] counts = snapshot.histogramCounts();
            double[] bounds = new double[counts.length];
            double[] cumulative = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                bounds[i] = counts[i].bucket(TimeUnit.MILLISECONDS);
                cumulative[i] = counts[i].count();
            }
            byRegion.computeIfAbsent(region(timer), r -> new ArrayList<>())
                    .add(new Buckets(bounds, cumulative, snapshot.count()));
        }
        Map<String, Buckets> summed = new HashMap<>();
        byRegion.forEach((region, all) -> summed.put(region, Buckets.sum(all)));
        return summed;
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

    private static String region(Meter meter) {
        return Objects.requireNonNullElse(meter.getId().getTag(DashboardSources.TAG_REGION), MeterSample.NO_REGION);
    }

    private Search search(String name, String region) {
        Search search = registry.find(name);
        return region == null ? search : search.tag(DashboardSources.TAG_REGION, region);
    }
}
