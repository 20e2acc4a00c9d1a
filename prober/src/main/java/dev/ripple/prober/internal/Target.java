package dev.ripple.prober.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a write must become visible in: a region's replica (through its read API) or a purge target's cache. One look
 * counts for each of its {@link #places()}: several purge targets that are the same cache (one Redis, as in
 * {@code ripple up}) share their looks.
 */
public interface Target {
    /** The places a look's finding counts for: one, or every purge target that is this same cache. */
    List<Place> places();

    /**
     * Whether, once it serves a write, it serves it from then on: a replica does (its revisions only grow), a cache
     * does not (an older entry can be filled after the purge: the stale-fill race), so a cache is looked at at
     * every delay of the ladder, and a replica only until it serves the write.
     */
    boolean staysServed();

    /**
     * The hop a look that did not answer stalls at: the read API of a replica, the read of a cache (a target that
     * does not {@link #staysServed() stay served}).
     */
    default String readHop() {
        return staysServed() ? Hop.READ_API : Hop.CACHE_READ;
    }

    /**
     * Looks, as a reader would and changing nothing, whether it serves {@code write}. Completes within about the
     * prober's read timeout, never exceptionally for what the target answers (a failure is a
     * {@link Check.Verdict#FAILED}); takes no thread while it waits for an HTTP answer.
     */
    CompletableFuture<Check> check(SampledWrite write);
}
