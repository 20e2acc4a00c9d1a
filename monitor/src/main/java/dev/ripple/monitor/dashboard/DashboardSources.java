package dev.ripple.monitor.dashboard;

import dev.ripple.cachepurger.PurgerMetricNames;
import dev.ripple.prober.ProberMetricNames;
import dev.ripple.producer.IntakeMetricNames;
import dev.ripple.propagator.PropagatorMetricNames;
import dev.ripple.replica.ReplicaMetricNames;
import io.micrometer.core.instrument.Tag;

/**
 * The meters of other components that the dashboard and {@code /api/regions} read from the process's registry.
 * A panel whose meters are absent shows "no data yet". Each name is the component's own {@code *MetricNames}
 * constant, so a renamed meter cannot leave the dashboard reading a name nothing registers.
 */
public final class DashboardSources {
    /** Counter: events the intake published ({@link IntakeMetricNames#EVENTS_PUBLISHED}). */
    public static final String INTAKE_PUBLISHED = IntakeMetricNames.EVENTS_PUBLISHED;
    /** Counter, tag {@code status}: events the intake refused. */
    public static final String INTAKE_REFUSED = IntakeMetricNames.EVENTS_REFUSED;
    /** Counter, tags {@code region}, {@code type}: records the propagator wrote to region topics. */
    public static final String REGION_RECORDS = PropagatorMetricNames.REGION_RECORDS;
    /** Gauge: the rule-set version in force in the propagator. */
    public static final String RULE_SET_VERSION = PropagatorMetricNames.RULE_SET_VERSION;
    /** Gauge: dependents the fan-outs in progress have still to walk (a propagator in this process). */
    public static final String FANOUT_DEPENDENTS = PropagatorMetricNames.DEPS_BACKLOG;
    /** Gauge: fan-outs in progress. */
    public static final String FANOUTS = PropagatorMetricNames.DEPS_ACTIVE;
    /** Gauge: seconds until the fan-outs in progress are walked. */
    public static final String FANOUT_DRAIN_SECONDS = PropagatorMetricNames.DEPS_DRAIN_SECONDS;
    /** Timer, tag {@code region}: source accepted to applied in the region's replica store. */
    public static final String APPLIED_END_TO_END = ReplicaMetricNames.END_TO_END;
    /** Counter, tags {@code region} and {@link #APPLIED_OUTCOME}: records the region's applier handled. */
    public static final String APPLIED = ReplicaMetricNames.RECORDS;
    /** The tag and value of {@link #APPLIED} that count records applied (not stale, not watermarks). */
    public static final Tag APPLIED_OUTCOME = Tag.of(ReplicaMetricNames.TAG_OUTCOME, "applied");
    /** Gauge, tag {@code region}: partitions whose replica store lost its data and are being rebuilt. */
    public static final String PARTITIONS_REBUILDING = ReplicaMetricNames.PARTITIONS_REBUILDING;
    /** Timer, tag {@code region}: source accepted to purged in the region's caches. */
    public static final String PURGED_END_TO_END = PurgerMetricNames.END_TO_END_LATENCY;
    /** Counter, tags {@code region} and {@link #PURGED_OUTCOME}: purges the region's purger finished. */
    public static final String PURGED = PurgerMetricNames.PURGES;
    /** The tag and value of {@link #PURGED} that count purges every target acknowledged. */
    public static final Tag PURGED_OUTCOME = Tag.of(PurgerMetricNames.TAG_OUTCOME, "acknowledged");
    /** Gauge, tags {@code region}, {@code target}, {@code state}: 1 for a purge target's breaker's current state. */
    public static final String BREAKER_STATE = PurgerMetricNames.BREAKER_STATE;
    /**
     * Gauge, tags {@code region}, {@code target}, {@code within}: the share of sampled writes the target served within
     * the delay, over the prober's window; NaN while it judged none (a prober in this process).
     */
    public static final String FRESHNESS_RATIO = ProberMetricNames.CONSISTENT_RATIO;
    /** Counter, same tags: (sampled write, target) pairs the prober judged at the delay. */
    public static final String FRESHNESS_JUDGED = ProberMetricNames.JUDGED;
    /** Counter, same tags: of those, the ones the target served within the delay. */
    public static final String FRESHNESS_CONSISTENT = ProberMetricNames.CONSISTENT_WITHIN;
    /** The tag naming a region on component meters. */
    public static final String TAG_REGION = "region";

    private DashboardSources() {}
}
