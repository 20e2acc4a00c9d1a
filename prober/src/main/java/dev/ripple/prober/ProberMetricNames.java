package dev.ripple.prober;

/**
 * Meters of the prober (DESIGN.md 15). Judgements are tagged {@link #TAG_REGION}, {@link #TAG_TARGET} and
 * {@link #TAG_WITHIN}: a sampled write is <em>judged</em> for a target at each delay of the ladder once that delay
 * has passed, and counted <em>consistent within</em> it if a check by then found the target serving it. Nines are
 * {@code -log10(1 - consistent / judged)}.
 */
public final class ProberMetricNames {
    /** Acknowledged writes sampled, tag {@code stream} (counter; Prometheus ripple_probe_samples_total). */
    public static final String SAMPLES = "ripple.probe.samples";
    /** (Sampled write, target) pairs judged at a delay (counter; ripple_probe_judged_total). */
    public static final String JUDGED = "ripple.probe.judged";
    /** Of those, the ones the target served within the delay (counter; ripple_probe_consistent_within_total). */
    public static final String CONSISTENT_WITHIN = "ripple.probe.consistent.within";
    /**
     * Consistent / judged over the prober's window (gauge; ripple_probe_consistent_within_ratio); NaN while nothing
     * was judged in it.
     */
    public static final String CONSISTENT_RATIO = "ripple.probe.consistent.within.ratio";
    /**
     * Pairs found inconsistent at a delay the prober records (its {@code record_from} and later), tag {@link #TAG_HOP}
     * (counter; ripple_probe_inconsistencies_total). Each is kept in {@code ripple.probe.inconsistencies}.
     */
    public static final String INCONSISTENCIES = "ripple.probe.inconsistencies";
    /**
     * Reads the prober sent, tag {@code outcome}: consistent, inconsistent, failed (the target did not answer in
     * time), or unjudged (the prober's own side failed: no file descriptor or local port left)
     * (counter; ripple_probe_checks_total).
     */
    public static final String CHECKS = "ripple.probe.checks";
    /**
     * What was left out, tag {@code reason} (counter; ripple_probe_skipped_total). Whole samples: budget (over
     * {@code --max-checks-per-s}), busy (looks waiting their turn under {@code --max-in-flight}), pending-full,
     * unreadable (not an event), no-revision (its caches are not judged), late (it reached the prober after half its
     * first delay). Single delays of one (write, target) pair: late-look (its look could not start in time),
     * prober-error (the prober's own side failed).
     */
    public static final String SKIPPED = "ripple.probe.skipped";
    /** Looks scheduled or waiting their turn, not started yet (gauge; ripple_probe_pending). */
    public static final String PENDING = "ripple.probe.pending";
    /** Looks under way, at most {@code --max-in-flight} (gauge; ripple_probe_in_flight). */
    public static final String IN_FLIGHT = "ripple.probe.in.flight";

    /** The region checked. */
    public static final String TAG_REGION = "region";
    /** {@link #TARGET_REPLICA} for the region's read API, else {@code purge/<purge target name>}. */
    public static final String TAG_TARGET = "target";
    /** The delay after the write was acknowledged, in seconds as a plain number: {@code 0.1}, {@code 1}, {@code 60}. */
    public static final String TAG_WITHIN = "within";
    /** Where the write stalled: propagator, applier, read-api, purger, cache-fill. */
    public static final String TAG_HOP = "hop";
    /** The target label of a region's replica, read through its read API. */
    public static final String TARGET_REPLICA = "replica";

    private ProberMetricNames() {}
}
