package dev.ripple.propagator;

/** The names and tags of the propagator's meters, in one place. */
public final class PropagatorMetricNames {
    /** Counter, tag {@code stream}: events routed (to regions, or only watermarked when no rule matched). */
    public static final String EVENTS_ROUTED = "ripple.propagator.events.routed";
    /** Counter, tag {@code stream}: events the version gate dropped, not newer than the key's last one. */
    public static final String EVENTS_STALE = "ripple.propagator.events.stale";
    /**
     * Counter, tag {@code stream}: events routed again because the version gate's store already held their own
     * version (a replay after a crash under at-least-once delivery; always 0 under exactly-once).
     */
    public static final String EVENTS_REPLAYED = "ripple.propagator.events.replayed";
    /** Counter, tags {@code stream}, {@code policy}: write-after-read conflicts (rejected or applied). */
    public static final String CONFLICTS = "ripple.propagator.conflicts";
    /** Counter, tags {@code stream}, {@code reason}: records sent to {@code ripple.dlq.propagator}. */
    public static final String DEAD_LETTERS = "ripple.propagator.dead.letters";
    /** Counter, tags {@code region}, {@code type}: records written to region topics. */
    public static final String REGION_RECORDS = "ripple.propagator.region.records";
    /**
     * Counter, tag {@code stream}: events copied to {@code ripple.latest.<stream>} (every event past the version
     * gate but invalidations).
     */
    public static final String LATEST_RECORDS = "ripple.propagator.latest.records";
    /** Counter, tag {@code conit}: entries appended to {@code ripple.conit-log}. */
    public static final String CONIT_LOG = "ripple.propagator.conit.log";
    /** Counter, tag {@code rule}: purges merged into one already waiting in the rule's coalescing window. */
    public static final String PURGES_COALESCED = "ripple.propagator.purges.coalesced";
    /** Counter: purges sent at once because the coalescing buffer was full (the bound was hit). */
    public static final String PURGE_BUFFER_FULL = "ripple.propagator.purges.buffer.full";
    /** Gauge: the version (config revision) of the rule set in force. */
    public static final String RULE_SET_VERSION = "ripple.propagator.rule.set.version";
    /** Counter: rule sets put in force after a config change. */
    public static final String RULE_SETS_APPLIED = "ripple.propagator.rule.sets.applied";
    /** Counter: rule sets refused (invalid, or their topics could not be made); the previous one stays. */
    public static final String RULE_SETS_REFUSED = "ripple.propagator.rule.sets.refused";
    /** Counter, tag {@code change} ({@code added}, {@code removed}): dependency edges indexed or dropped. */
    public static final String DEPS_EDGES = "ripple.propagator.deps.edges";
    /** Counter: edits of a key with dependents that started (or widened) a fan-out. */
    public static final String DEPS_FANOUTS = "ripple.propagator.deps.fanouts";
    /** Counter: dependents a fan-out found using a changed part, and asked to invalidate. */
    public static final String DEPS_DEPENDENTS = "ripple.propagator.deps.dependents";
    /** Counter: invalidations of a dependent merged into one already waiting in its coalescing window. */
    public static final String DEPS_COALESCED = "ripple.propagator.deps.coalesced";
    /** Counter, tag {@code stream}: derived events of the stream written to {@code ripple.derived}. */
    public static final String DEPS_DERIVED = "ripple.propagator.deps.derived";
    /**
     * Counter, tag {@code reason}: derivations cut: {@code cycle} (a chain back to its root), {@code depth} (deeper
     * than max_depth), {@code no-longer-used} (the dependent stopped using the dependency, or was deleted, after the
     * walk passed it).
     */
    public static final String DEPS_CUT = "ripple.propagator.deps.cut";
    /** Gauge: dependents the fan-outs in progress have still to walk (an estimate from the index's counts). */
    public static final String DEPS_BACKLOG = "ripple.propagator.deps.backlog.dependents";
    /** Gauge: fan-outs in progress. */
    public static final String DEPS_ACTIVE = "ripple.propagator.deps.fanouts.active";
    /** Gauge: seconds until the fan-outs in progress are walked, at the rates they are paced to now. */
    public static final String DEPS_DRAIN_SECONDS = "ripple.propagator.deps.drain.seconds";
    /** Gauge: invalidations waiting in coalescing windows. */
    public static final String DEPS_PENDING = "ripple.propagator.deps.pending";
    /** Gauge: dependents per second the fan-outs in progress are paced to (their rates, cut by back pressure). */
    public static final String DEPS_RATE = "ripple.propagator.deps.fanout.rate";
    /** Gauge: the longest time lately from written to routed on the propagator's own lanes, in seconds. */
    public static final String DEPS_LANE_LAG = "ripple.propagator.deps.lane.lag.seconds";

    public static final String TAG_STREAM = "stream";
    public static final String TAG_REGION = "region";
    /** Values: {@code replication}, {@code purge}, {@code watermark}. */
    public static final String TAG_TYPE = "type";
    public static final String TAG_POLICY = "policy";
    /** Values: {@code unreadable}, {@code template}, {@code too-large}, {@code processing}. */
    public static final String TAG_REASON = "reason";
    public static final String TAG_CONIT = "conit";
    public static final String TAG_RULE = "rule";
    public static final String TAG_CHANGE = "change";

    private PropagatorMetricNames() {}
}
