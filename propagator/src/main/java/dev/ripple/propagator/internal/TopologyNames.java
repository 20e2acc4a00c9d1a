package dev.ripple.propagator.internal;

/** Node and store names of the topology; store names also name their changelog topics, so they never change. */
public final class TopologyNames {
    public static final String SOURCE = "source-streams";
    public static final String PROCESSOR = "route";
    public static final String REGION_SINK = "region-topics";
    public static final String SIDE_SINK = "side-topics";
    /** Per (source topic, key): the last propagated revision and offset (the version gate). */
    public static final String VERSIONS_STORE = "key-versions";
    /** Per source topic: the last processed position in this partition (what watermarks may claim). */
    public static final String PROGRESS_STORE = "source-progress";
    /** Purges waiting in a coalescing window. */
    public static final String PURGE_BUFFER_STORE = "purge-buffer";

    private TopologyNames() {}
}
