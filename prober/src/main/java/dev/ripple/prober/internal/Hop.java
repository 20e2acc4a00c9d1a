package dev.ripple.prober.internal;

import java.util.List;

/** Where a write that a target does not serve stalled: the values of the {@code hop} label and trace field. */
public final class Hop {
    /** The propagator has not routed it yet (its group's committed offset is not past the write). */
    public static final String PROPAGATOR = "propagator";
    /** Routed, but the region's applied position does not cover it. */
    public static final String APPLIER = "applier";
    /** The region's read API did not answer, or answered older than its own applied position. */
    public static final String READ_API = "read-api";
    /** Routed, but no purge of it reached the cache, which holds an entry older than the write. */
    public static final String PURGER = "purger";
    /** The purge reached the cache (its tombstone is there) and an older entry was filled after it. */
    public static final String CACHE_FILL = "cache-fill";
    /** The cache did not answer. */
    public static final String CACHE_READ = "cache-read";
    /** The hops a write a replica does not serve can stall at, in the order it passes them. */
    public static final List<String> OF_REPLICA = List.of(PROPAGATOR, APPLIER, READ_API);
    /** The hops a write a cache does not serve can stall at, in the order it passes them. */
    public static final List<String> OF_CACHE = List.of(PROPAGATOR, PURGER, CACHE_FILL, CACHE_READ);

    private Hop() {}
}
