package dev.ripple.monitor.dashboard;

import static dev.ripple.monitor.dashboard.Views.object;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.monitor.MonitorMetricNames;
import dev.ripple.monitor.lag.GroupLag;
import dev.ripple.monitor.lag.LagMonitor;
import dev.ripple.monitor.lag.LagPoint;
import dev.ripple.monitor.lag.LagSnapshot;
import dev.ripple.monitor.lag.PartitionLag;
import dev.ripple.monitor.lag.TopicOffsets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The JSON views of {@code /api/lag}, {@code /api/regions}, {@code /api/conits}, {@code /api/dlq} and the
 * dashboard's {@code /api/dashboard}, built from the lag monitor, the meter registry and the config in force.
 * Fields that come from components not running in this process are null ("no data yet"), never made up. Rates
 * ({@code *_rate}, per second) and latency percentiles are over a window of the {@link MeterHistory}; totals
 * ({@code *_total}) are since the process started. Thread-safe.
 */
public final class DashboardData {
    private final LagMonitor lag;
    private final MeterRegistry registry;
    private final Supplier<ConfigSnapshot> config;
    private final MeterReadings meters;
    private final MeterHistory history;
    private final Freshness freshness;

    /**
     * @param config the config in force; {@link ConfigSnapshot#EMPTY} when the process follows none
     * @param history the samples of {@code registry} that rates and percentiles are computed from
     */
    public DashboardData(LagMonitor lag, MeterRegistry registry, Supplier<ConfigSnapshot> config,
            MeterHistory history) {
        this.lag = Objects.requireNonNull(lag, "lag");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.history = Objects.requireNonNull(history, "history");
        this.meters = new MeterReadings(registry);
        this.freshness = new Freshness(registry);
    }

    /** The windows the views may be asked for, and the default. */
    public DashboardConfig windows() {
        return history.config();
    }

    /**
     * {@code /api/lag}: every Ripple group with its partitions, the watched topics, and {@code interval_ms}, the
     * time between samples.
     */
    public Map<String, Object> lag() {
        Map<String, Object> view = lag(lag.snapshot());
        view.put("interval_ms", lag.interval().toMillis());
        return view;
    }

    private static Map<String, Object> lag(LagSnapshot s) {
        return object("at", s.at().toString(), "error", s.error(),
                "groups", s.groups().stream().map(g -> group(g, true)).toList(),
                "streams", s.topics(TopicOffsets.Kind.STREAM).stream().map(t -> object("stream", t.name(), "topic",
                        t.topic(), "end_offset", t.end())).toList());
    }

    /**
     * {@code /api/regions}: configured regions and regions seen in group names, with their lag, and their rates and
     * latency over the last {@code window}.
     */
    public Map<String, Object> regions(Duration window) {
        return regions(lag.snapshot(), history.window(window));
    }

    private Map<String, Object> regions(LagSnapshot s, HistoryWindow w) {
        ConfigSnapshot c = config.get();
        TreeSet<String> names = new TreeSet<>(c.regions().keySet());
        s.groups().stream().map(g -> g.group().region()).filter(Objects::nonNull).forEach(names::add);
        List<Map<String, Object>> regions = new ArrayList<>();
        for (String name : names) {
            RegionDoc doc = c.regions().get(name);
            regions.add(object("name", name, "description", doc == null ? null : doc.description(),
                    "configured", doc != null,
                    "replication", groupOf(s, "replica", name), "purge", groupOf(s, "purger", name),
                    "applied_latency", w.latency(MeterHistory.APPLIED, name),
                    "purged_latency", w.latency(MeterHistory.PURGED, name),
                    "propagated_total", meters.count(DashboardSources.REGION_RECORDS, name),
                    "propagated_rate", w.rate(MeterHistory.PROPAGATED, name),
                    "applied_total", meters.count(DashboardSources.APPLIED, name, DashboardSources.APPLIED_OUTCOME),
                    "applied_rate", w.rate(MeterHistory.APPLIED, name),
                    "purged_total", meters.count(DashboardSources.PURGED, name, DashboardSources.PURGED_OUTCOME),
                    "purged_rate", w.rate(MeterHistory.PURGED, name),
                    "rebuilding", meters.gauge(DashboardSources.PARTITIONS_REBUILDING, null, name)));
        }
        return object("at", s.at().toString(), "window", window(w), "regions", regions);
    }

    /** {@code /api/conits}: conits as configured, with per-region status once the conit tracker exports it. */
    public Map<String, Object> conits() {
        List<Map<String, Object>> conits = new ArrayList<>();
        for (ConitDoc conit : config.get().conits().values()) {
            List<Map<String, Object>> status = new ArrayList<>();
            for (Gauge g : registry.find(MonitorMetricNames.CONIT_IN_BOUND).tag(MonitorMetricNames.TAG_CONIT, conit.name())
                    .gauges()) {
                String region = g.getId().getTag(MonitorMetricNames.TAG_REGION);
                status.add(object("region", region, "in_bound", g.value() >= 1, "staleness_ms",
                        millis(meters.gauge(MonitorMetricNames.CONIT_STALENESS, conit.name(), region)),
                        "unapplied", meters.gauge(MonitorMetricNames.CONIT_ORDER_ERROR, conit.name(), region)));
            }
            conits.add(object("name", conit.name(),
                    "keys", conit.keys().glob() != null ? "glob " + conit.keys().glob() : "regex " + conit.keys().regex(),
                    "bounds", object("staleness_ms", conit.bounds().stalenessMs(), "max_unapplied",
                            conit.bounds().maxUnapplied(), "max_weight", conit.bounds().maxWeight()),
                    "enforcement", conit.enforcement().json(), "status", status));
        }
        return object("tracking", !registry.find(MonitorMetricNames.CONIT_IN_BOUND).gauges().isEmpty(), "conits", conits);
    }

    /** {@code /api/dlq}: each dead-letter queue and how many records wait in it. */
    public Map<String, Object> dlq() {
        return dlq(lag.snapshot());
    }

    private static Map<String, Object> dlq(LagSnapshot s) {
        return object("at", s.at().toString(), "queues", s.topics(TopicOffsets.Kind.DLQ).stream()
                .map(t -> object("consumer", t.name(), "topic", t.topic(), "depth", t.records())).toList());
    }

    /**
     * {@code /api/dashboard}: everything the page shows, in one response, from one lag snapshot: rates, latency
     * percentiles and charts over the last {@code window}, and the freshness nines of a prober here ({@link
     * Freshness#view()}, over the prober's own window).
     */
    public Map<String, Object> dashboard(Duration window) {
        LagSnapshot s = lag.snapshot();
        HistoryWindow w = history.window(window);
        Instant from = s.at().minus(window);
        Duration step = HistoryWindow.step(window, lag.interval());
        List<Map<String, Object>> groups = s.groups().stream().map(g -> {
            Map<String, Object> view = group(g, false);
            view.put("history", lagChart(lag.history(g.group().id()), from, step));
            return view;
        }).toList();
        Map<String, Object> regions = regions(s, w);
        Double published = meters.count(DashboardSources.INTAKE_PUBLISHED, null);
        Double refused = meters.count(DashboardSources.INTAKE_REFUSED, null);
        return object("at", s.at().toString(), "lag_error", s.error(), "window", regions.get("window"),
                "regions", regions.get("regions"), "groups", groups, "streams", lag(s).get("streams"),
                "dlq", dlq(s).get("queues"), "conits", conits(), "breakers", meters.breakers(),
                "components", meters.components(),
                "intake", object("published_total", published,
                        "published_rate", w.rate(MeterHistory.PUBLISHED, MeterSample.NO_REGION),
                        // the refusal counters appear with the first refusal: an intake here has refused none yet
                        "refused_total", refused == null && published != null ? Double.valueOf(0) : refused,
                        "refused_rate", w.rate(MeterHistory.REFUSED, MeterSample.NO_REGION)),
                "charts", charts(w), "rule_set_version", meters.gauge(DashboardSources.RULE_SET_VERSION, null, null),
                "fanout", object("dependents", meters.gauge(DashboardSources.FANOUT_DEPENDENTS, null, null),
                        "fanouts", meters.gauge(DashboardSources.FANOUTS, null, null),
                        "drain_seconds", meters.gauge(DashboardSources.FANOUT_DRAIN_SECONDS, null, null)),
                "derived_lanes", derivedLanes(s), "freshness", freshness.view());
    }

    /**
     * Each group's lag on the derived lane ({@code <prefix>.derived}, DESIGN.md 14), summed over its
     * partitions: the fan-outs' invalidations the propagator has still to route.
     */
    private static List<Map<String, Object>> derivedLanes(LagSnapshot s) {
        List<Map<String, Object>> lanes = new ArrayList<>();
        for (GroupLag g : s.groups()) {
            Map<String, long[]> byTopic = new TreeMap<>();
            for (PartitionLag p : g.partitions()) {
                if (p.topic().endsWith(".derived")) {
                    long[] sum = byTopic.computeIfAbsent(p.topic(), t -> new long[2]);
                    sum[0] += p.lag();
                    sum[1] = Math.max(sum[1], p.timeLagMs());
                }
            }
            byTopic.forEach((topic, sum) -> lanes.add(object("topic", topic, "group", g.group().id(), "lag",
                    sum[0], "time_lag_ms", sum[1])));
        }
        return lanes;
    }

    private Map<String, Object> window(HistoryWindow w) {
        DashboardConfig c = history.config();
        return object("name", DashboardConfig.format(w.length()), "seconds", w.length().toSeconds(),
                "until", history.now().toString(),
                "covered_seconds", w.covered().toSeconds(), "step_seconds", w.step().toSeconds(),
                "retention", DashboardConfig.format(c.retention()),
                "choices", c.choices().stream().map(DashboardConfig::format).toList());
    }

    /** Intake rates and end-to-end p99 per region, step by step: {@code t} (epoch seconds) and a line per series. */
    private static Map<String, Object> charts(HistoryWindow w) {
        Map<String, Object> p99 = new LinkedHashMap<>();
        for (String measure : List.of(MeterHistory.APPLIED, MeterHistory.PURGED)) {
            for (String region : w.latencyRegions(measure)) {
                p99.put(region + " " + measure, w.quantiles(measure, region, 0.99));
            }
        }
        return object("t", w.times(), "published", w.rates(MeterHistory.PUBLISHED, MeterSample.NO_REGION),
                "refused", w.rates(MeterHistory.REFUSED, MeterSample.NO_REGION), "p99_ms", p99);
    }

    /** A group's lag since {@code from}, [epoch s, records, time lag ms]: the largest of each step's samples. */
    private static List<List<Object>> lagChart(List<LagPoint> points, Instant from, Duration step) {
        List<List<Object>> chart = new ArrayList<>();
        long stepMs = step.toMillis();
        long current = Long.MIN_VALUE;
        for (LagPoint p : points) {
            if (p.at().isBefore(from)) {
                continue;
            }
            // steps counted from the epoch, so that the points stay where they were as the window slides
            long index = Math.floorDiv(p.at().toEpochMilli(), stepMs);
            double at = p.at().toEpochMilli() / 1000.0;
            if (index != current) {
                chart.add(new ArrayList<>(List.of(at, p.lag(), p.timeLagMs())));
                current = index;
            } else {
                List<Object> last = chart.get(chart.size() - 1);
                last.set(0, at);
                last.set(1, Math.max((Long) last.get(1), p.lag()));
                last.set(2, Math.max((Long) last.get(2), p.timeLagMs()));
            }
        }
        return chart;
    }

    private static Map<String, Object> groupOf(LagSnapshot s, String component, String region) {
        return s.groups().stream().filter(g -> component.equals(g.group().component())
                && region.equals(g.group().region())).findFirst().map(g -> group(g, false)).orElse(null);
    }

    private static Map<String, Object> group(GroupLag g, boolean withPartitions) {
        Map<String, Object> view = object("group", g.group().id(), "component", g.group().component(),
                "region", g.group().region(), "state", g.state(), "members", g.members(), "status", g.status().name(),
                "reason", g.reason(), "lag", g.lag(), "time_lag_ms", g.timeLagMs());
        if (withPartitions) {
            view.put("partitions", g.partitions().stream().map(p -> object("topic", p.topic(), "partition",
                    p.partition(), "committed", p.committed(), "end", p.end(), "lag", p.lag(), "time_lag_ms",
                    p.timeLagMs(), "owner", p.owner(), "status", p.status().name(), "reason", p.reason())).toList());
        }
        return view;
    }

    private static Long millis(Double seconds) {
        return seconds == null || seconds.isNaN() ? null : Math.round(seconds * 1000);
    }
}
