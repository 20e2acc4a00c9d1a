package dev.ripple.propagator.internal;

/** Node and store names of the topology; store names also name their changelog topics, so they never change. */
public final class TopologyNames {
    public static final String SOURCE = "source-streams";
    /** {@code ripple.derived}: derived events, read as the streams are. */
    public static final String DERIVED_SOURCE = "source-derived";
    /** {@code ripple.deps}: declarations and invalidation requests. */
    public static final String DEPS_SOURCE = "source-deps";
    public static final String PROCESSOR = "route";
    public static final String REGION_SINK = "region-topics";
    public static final String SIDE_SINK = "side-topics";
    /**
     * Per (source topic, key): the last propagated revision and offset (the version gate); and per source topic:
     * the last processed position in this partition (what watermarks may claim). Anything that scans the store or
     * its changelog must skip the positions' keys, which begin with a newline ({@link StoredPositions}).
     */
    public static final String VERSIONS_STORE = "key-versions";
    /** Where positions were kept before they moved into {@link #VERSIONS_STORE}: read once at a task's start. */
    public static final String PROGRESS_STORE = "source-progress";
    /** Purges waiting in a coalescing window. */
    public static final String PURGE_BUFFER_STORE = "purge-buffer";
    /** Per resource: what it last declared it uses. */
    public static final String DEPS_DECLARED_STORE = "deps-declared";
    /** Per (dependency, dependent): how the dependent uses it (DESIGN.md 14). */
    public static final String DEPS_INDEX_STORE = "deps-index";
    /** Per dependency: how many dependents the index holds. */
    public static final String DEPS_COUNTS_STORE = "deps-counts";
    /** Per dependency: its fan-out in progress. */
    public static final String DEPS_FANOUTS_STORE = "deps-fanouts";
    /** Per dependent: its invalidation waiting out the coalescing window. */
    public static final String DEPS_PENDING_STORE = "deps-pending";
    /** Per (due time, dependent): the coalescing windows, in time order. */
    public static final String DEPS_DUE_STORE = "deps-due";

    private TopologyNames() {}
}
