package dev.ripple.ops.dashboard;

import dev.ripple.producer.IntakeMetricNames;

/**
 * The meters of other components that the dashboard and {@code /api/regions} read from the process's registry.
 * A panel whose meters are absent shows "no data yet". Names of components still being built are written out
 * here; when a component lands, point its constant at that component's {@code *MetricNames} class.
 */
public final class DashboardSources {
    /** Counter: events the intake published ({@link IntakeMetricNames#EVENTS_PUBLISHED}). */
    public static final String INTAKE_PUBLISHED = IntakeMetricNames.EVENTS_PUBLISHED;
    /** Counter, tag {@code status}: events the intake refused. */
    public static final String INTAKE_REFUSED = IntakeMetricNames.EVENTS_REFUSED;
    /** Counter, tags {@code region}, {@code type}: records the propagator wrote to region topics. */
    public static final String REGION_RECORDS = "ripple.propagator.region.records";
    /** Gauge: the rule-set version in force in the propagator. */
    public static final String RULE_SET_VERSION = "ripple.propagator.rule.set.version";
    /** Timer, tag {@code region}: event {@code meta.dt} to applied in the region's replica store. */
    public static final String APPLIED_END_TO_END = "ripple.replica.end.to.end";
    /** Counter, tag {@code region}: records applied to the region's replica store. */
    public static final String APPLIED = "ripple.replica.applied";
    /** Timer, tag {@code region}: event {@code meta.dt} to purged in the region's caches. */
    public static final String PURGED_END_TO_END = "ripple.purger.end.to.end";
    /** Gauge, tags {@code name}, {@code state}: resilience4j's circuit breaker state (1 for the current one). */
    public static final String BREAKER_STATE = "resilience4j.circuitbreaker.state";
    /** The tag naming a region on component meters. */
    public static final String TAG_REGION = "region";

    private DashboardSources() {}
}
