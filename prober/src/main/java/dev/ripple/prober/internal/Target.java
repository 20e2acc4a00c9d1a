package dev.ripple.prober.internal;

/** A place a write must become visible: a region's replica (through its read API) or one purge target's cache. */
public interface Target {
    /** The region it belongs to. */
    String region();

    /** Its {@code target} label: {@code replica} or {@code purge/<name>}. */
    String label();

    /**
     * Looks, as a reader would and changing nothing, whether it serves {@code write}. Blocks for at most the
     * prober's read timeout; never throws for what the target answers (a failure is a {@link Check.Verdict#FAILED}).
     */
    Check check(SampledWrite write);
}
