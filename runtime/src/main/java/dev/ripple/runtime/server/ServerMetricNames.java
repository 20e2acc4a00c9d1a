package dev.ripple.runtime.server;

/**
 * Names and tags of the meters every part's HTTP server and readiness register, in one place; the Prometheus
 * name is given for each, as the alert rules and the Grafana dashboard use it.
 */
public final class ServerMetricNames {
    /**
     * Gauge per component and region: 1 while a long-running part of the process runs, 0 once it stopped or
     * failed: {@code ripple_component_up} (see {@link Readiness}).
     */
    public static final String COMPONENT_UP = "ripple.component.up";

    /** Gauge: open HTTP connections of the process's server: {@code ripple_http_connections_open}. */
    public static final String HTTP_CONNECTIONS_OPEN = "ripple.http.connections.open";
    /** Gauge: the server's connection cap: {@code ripple_http_connections_max}. */
    public static final String HTTP_CONNECTIONS_MAX = "ripple.http.connections.max";
    /** Counter: times the cap was reached and accepting paused: {@code ripple_http_connection_limit_hits_total}. */
    public static final String HTTP_CONNECTION_LIMIT_HITS = "ripple.http.connection.limit.hits";
    /** Counter: requests cut (408) for a body below the minimum data rate: {@code ripple_http_slow_requests_total}. */
    public static final String HTTP_SLOW_REQUESTS = "ripple.http.slow.requests";
    /** Gauge, bytes: request bodies held in memory: {@code ripple_http_body_buffered_bytes}. */
    public static final String HTTP_BODY_BUFFERED = "ripple.http.body.buffered";
    /** Counter: requests refused (503) with bodies at their memory limit: {@code ripple_http_body_buffer_refusals_total}. */
    public static final String HTTP_BODY_BUFFER_REFUSALS = "ripple.http.body.buffer.refusals";
    /** Gauge: request threads busy: {@code ripple_http_threads_busy}. */
    public static final String HTTP_THREADS_BUSY = "ripple.http.threads.busy";
    /** Gauge: the request thread pool's size: {@code ripple_http_threads_max}. */
    public static final String HTTP_THREADS_MAX = "ripple.http.threads.max";

    /** The part: {@code replica}, {@code purger}, {@code propagator}, … */
    public static final String TAG_COMPONENT = "component";
    /** Region of a per-region part; {@code none} for the others. */
    public static final String TAG_REGION = "region";

    private ServerMetricNames() {}
}
