package dev.ripple.monitor;

/**
 * Names and tags of the meters the monitor registers (lag monitor, DLQ, conit tracker), in one place. Prometheus
 * names follow Micrometer's convention: dots become underscores, the base unit is appended, counters end in
 * {@code _total}; the Prometheus name is given for each, as the alert rules and the Grafana dashboard use it.
 */
public final class MonitorMetricNames {
    /** Gauge, records, per group and partition: {@code ripple_consumer_lag_records}. */
    public static final String CONSUMER_LAG = "ripple.consumer.lag";
    /** Gauge, seconds, per group and partition: {@code ripple_consumer_time_lag_seconds}. */
    public static final String CONSUMER_TIME_LAG = "ripple.consumer.time.lag";
    /** Gauge, records, per group (summed): {@code ripple_consumer_group_lag_records}. */
    public static final String GROUP_LAG = "ripple.consumer.group.lag";
    /** Gauge, seconds, per group (the largest partition's): {@code ripple_consumer_group_time_lag_seconds}. */
    public static final String GROUP_TIME_LAG = "ripple.consumer.group.time.lag";
    /**
     * Gauge per group and {@code status} value (OK, WARN, REBALANCING, REWIND, STALL, STOP, ERR; {@code LagStatus}):
     * 1 for the group's current status, 0 for the others: {@code ripple_consumer_group_status}.
     */
    public static final String GROUP_STATUS = "ripple.consumer.group.status";
    /**
     * Gauge, members, per group: live members as Kafka lists them at the latest sample (a killed one until its
     * session expires): {@code ripple_consumer_group_members}.
     */
    public static final String GROUP_MEMBERS = "ripple.consumer.group.members";
    /** Counter, tag {@code outcome} (ok, failed): lag samples taken: {@code ripple_lag_samples_total}. */
    public static final String LAG_SAMPLES = "ripple.lag.samples";
    /** Gauge, records, per stream: summed log end offsets of a source stream: {@code ripple_stream_end_offset_records}. */
    public static final String STREAM_END_OFFSET = "ripple.stream.end.offset";
    /** Gauge, records, per DLQ consumer: records waiting in {@code ripple.dlq.<consumer>}: {@code ripple_dlq_depth_records}. */
    public static final String DLQ_DEPTH = "ripple.dlq.depth";
    /** Counter, per DLQ consumer: records replayed to their original topic: {@code ripple_dlq_replayed_total}. */
    public static final String DLQ_REPLAYED = "ripple.dlq.replayed";
    /** Counter, per DLQ consumer: records a replay could not send: {@code ripple_dlq_replay_failures_total}. */
    public static final String DLQ_REPLAY_FAILURES = "ripple.dlq.replay.failures";
    /**
     * Gauge, samples the dashboard's history holds: at most retention / sample interval + 1, reached an hour after
     * start by default: {@code ripple_dashboard_history_samples}.
     */
    public static final String DASHBOARD_SAMPLES = "ripple.dashboard.history.samples";
    /** Gauge per conit and region, registered by the conit tracker: {@code ripple_conit_in_bound}. */
    public static final String CONIT_IN_BOUND = dev.ripple.conittracker.ConitMetricNames.WITHIN_BOUNDS;
    /** Gauge, seconds, per conit and region: {@code ripple_conit_staleness_seconds}. */
    public static final String CONIT_STALENESS = dev.ripple.conittracker.ConitMetricNames.STALENESS;
    /** Gauge per conit and region: unapplied writes, {@code ripple_conit_order_error}. */
    public static final String CONIT_ORDER_ERROR = dev.ripple.conittracker.ConitMetricNames.ORDER_ERROR;
    /** Consumer group id. */
    public static final String TAG_GROUP = "group";
    /** The component owning a group: {@code replica}, {@code purger}, {@code propagator}, … */
    public static final String TAG_COMPONENT = "component";
    /** Region of a per-region group; {@code none} for the others. */
    public static final String TAG_REGION = "region";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_PARTITION = "partition";
    public static final String TAG_STATUS = "status";
    public static final String TAG_STREAM = "stream";
    /** DLQ consumer name, e.g. {@code intake}, {@code propagator}, {@code replica.eqiad}. */
    public static final String TAG_CONSUMER = "consumer";
    public static final String TAG_CONIT = "conit";
    public static final String TAG_OUTCOME = "outcome";

    private MonitorMetricNames() {}
}
