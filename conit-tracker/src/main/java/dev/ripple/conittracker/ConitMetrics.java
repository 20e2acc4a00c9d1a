package dev.ripple.conittracker;

import dev.ripple.events.ConitStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** Gauges of every conit and region the tracker has measured; a conit removed from config reads NaN. */
final class ConitMetrics implements MeterBinder {
    private final ConitTracker tracker;
    private final Map<String, ConitStatus.Region> latest = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    ConitMetrics(ConitTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void bindTo(MeterRegistry target) {
        Gauge.builder(ConitMetricNames.LEDGER_ENTRIES, tracker, ConitTracker::ledgerSize)
                .description("Unapplied writes the conit tracker holds, all conits").register(target);
        Gauge.builder(ConitMetricNames.LEDGER_DROPPED, tracker, ConitTracker::ledgerDropped)
                .description("Writes dropped because a conit's ledger was full (cumulative)").register(target);
        registry = target;
        registered.clear();
    }

    void update(Map<String, ConitStatus> statuses) {
        latest.clear();
        statuses.forEach((conit, status) -> status.regions().forEach((region, r) -> {
            String id = conit + "\u0000" + region;
            latest.put(id, r);
            MeterRegistry target = registry;
            if (target != null && registered.add(id)) {
                gauge(target, ConitMetricNames.ORDER_ERROR, "Accepted writes of the conit not yet applied in the "
                        + "region", conit, region, id, x -> x.orderError());
                gauge(target, ConitMetricNames.NUMERICAL_ERROR, "Summed weight of the conit's writes not yet "
                        + "applied in the region", conit, region, id, ConitStatus.Region::numericalError);
                gauge(target, ConitMetricNames.STALENESS, "Age of the conit's oldest write not yet applied in the "
                        + "region", conit, region, id, x -> x.stalenessMs() / 1000.0);
                gauge(target, ConitMetricNames.WITHIN_BOUNDS, "1 while every bound of the conit holds in the "
                        + "region, 0 while one is exceeded", conit, region, id, x -> x.withinBounds() ? 1 : 0);
            }
        }));
    }

    private void gauge(MeterRegistry target, String name, String description, String conit, String region,
            String id, ToDoubleFunction<ConitStatus.Region> value) {
        Gauge.builder(name, latest, m -> {
            ConitStatus.Region r = m.get(id);
            return r == null ? Double.NaN : value.applyAsDouble(r);
        }).description(description).tag("conit", conit).tag("region", region)
                .baseUnit(name.equals(ConitMetricNames.STALENESS) ? "seconds" : null).register(target);
    }
}
