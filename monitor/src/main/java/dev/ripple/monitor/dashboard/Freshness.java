package dev.ripple.monitor.dashboard;

import static dev.ripple.monitor.dashboard.Views.object;

import dev.ripple.prober.ProberMetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dashboard's Freshness panel: per region and target (its replica, each purge target), the nines of the sampled
 * writes the target served within each delay of the prober's ladder, from the meters of a prober in this process
 * (DESIGN.md 15). Nines are {@code -log10(1 - ratio)} of the prober's ratio gauge (over its own window), at most
 * {@link #CEILING}; null where nothing was judged in that window.
 */
final class Freshness {
    /** The nines a ratio of 1 reads as (as on the Grafana panel): finite, and past any SLO. */
    static final double CEILING = 6;
    /** The region's replica first, then its purge targets by name. */
    private static final Comparator<String> TARGETS = Comparator.comparing(
            (String t) -> !t.equals(ProberMetricNames.TARGET_REPLICA)).thenComparing(Comparator.naturalOrder());

    private final MeterRegistry registry;
    private final MeterReadings meters;

    Freshness(MeterRegistry registry) {
        this.registry = registry;
        this.meters = new MeterReadings(registry);
    }

    /**
     * {@code probing} (whether a prober's meters are here), {@code delays} (the ladder's {@code within} values,
     * shortest first) and {@code targets}: each region and target with a cell per delay ({@code within},
     * {@code ratio}, {@code nines}, {@code judged_total}, {@code consistent_total}; the first two null where nothing
     * was judged in the prober's window).
     */
    Map<String, Object> view() {
        // (region, target) -> within -> ratio gauge; every series is registered when the prober starts
        Map<List<String>, Map<String, Gauge>> byTarget = new TreeMap<>(Comparator
                .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1), TARGETS));
        TreeSet<String> delays = new TreeSet<>(Comparator.comparingDouble(Double::parseDouble));
        for (Gauge g : registry.find(DashboardSources.FRESHNESS_RATIO).gauges()) {
            String within = tag(g, ProberMetricNames.TAG_WITHIN);
            delays.add(within);
            List<String> key = List.of(tag(g, ProberMetricNames.TAG_REGION), tag(g, ProberMetricNames.TAG_TARGET));
            byTarget.computeIfAbsent(key, k -> new TreeMap<>()).put(within, g);
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        byTarget.forEach((key, gauges) -> {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (String within : delays) {
                Gauge g = gauges.get(within);
                Double ratio = g == null || Double.isNaN(g.value()) ? null : g.value();
                Tag[] tags = {Tag.of(ProberMetricNames.TAG_TARGET, key.get(1)),
                    Tag.of(ProberMetricNames.TAG_WITHIN, within)};
                cells.add(object("within", within, "ratio", ratio, "nines", ratio == null ? null : nines(ratio),
                        "judged_total", meters.count(DashboardSources.FRESHNESS_JUDGED, key.get(0), tags),
                        "consistent_total", meters.count(DashboardSources.FRESHNESS_CONSISTENT, key.get(0), tags)));
            }
            targets.add(object("region", key.get(0), "target", key.get(1), "within", cells));
        });
        return object("probing", !byTarget.isEmpty(), "delays", List.copyOf(delays), "targets", targets);
    }

    /** {@code -log10(1 - ratio)}, at most {@link #CEILING} (a ratio of 1, or more than 6 nines). */
    static double nines(double ratio) {
        return Math.min(CEILING, 0.0 - Math.log10(Math.max(0, 1 - ratio)));
    }

    private static String tag(Meter meter, String key) {
        return String.valueOf(meter.getId().getTag(key));
    }
}
