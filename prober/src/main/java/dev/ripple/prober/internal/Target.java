package dev.ripple.prober.internal;

import java.util.concurrent.CompletableFuture;

/** A place a write must become visible: a region's replica (through its read API) or one purge target's cache. */
public interface Target {
    /** The region it belongs to. */
    String region();

    /** Its {@code target} label: {@code replica} or {@code purge/<name>}. */
    String label();

    /**
     * Whether, once it serves a write, it serves it from then on: a replica does (its revisions only grow), a cache
     * does not (an older entry can be filled after the purge: the stale-fill race), so a cache is looked at at
     * every delay of the ladder, and a replica only until it serves the write.
     */
    boolean staysServed();

    /**
     * Looks, as a reader would and changing nothing, whether it serves {@code write}. Completes within about the
     * prober's read timeout, never exceptionally for what the target answers (a failure is a
     * {@link Check.Verdict#FAILED}); takes no thread while it waits for an HTTP answer.
     */
    CompletableFuture<Check> check(SampledWrite write);
}
