package dev.ripple.replica;

/**
 * The names of the replica module's meters, in one place. Applier meters carry tag {@link #TAG_REGION}; read API
 * counters carry {@link #TAG_REGION} ({@code -} for unknown regions) and {@link #TAG_OUTCOME}.
 */
public final class ReplicaMetricNames {
    /** Counter, tag {@link #TAG_OUTCOME} ({@code applied}, {@code stale}, {@code watermark}): records handled. */
    public static final String RECORDS = "ripple.replica.records";
    /** Timer: one batch from hand-off to durable (targets and store). */
    public static final String BATCH_DURATION = "ripple.replica.batch.duration";
    /** Summary: records per batch. */
    public static final String BATCH_SIZE = "ripple.replica.batch.size";
    /** Counter: batches cut short by {@code maxBatchRecords} or {@code maxBatchBytes} (limit hit). */
    public static final String BATCH_LIMIT_HITS = "ripple.replica.batch.limit.hits";
    /** Timer: source accepted → applied in this region (end-to-end latency). */
    public static final String END_TO_END = "ripple.replica.end.to.end.latency";
    /** Counter: records that had to wait for their dependencies. */
    public static final String DEPENDENCY_WAITS = "ripple.replica.dependency.waits";
    /** Timer: how long dependency waits lasted. */
    public static final String DEPENDENCY_WAIT = "ripple.replica.dependency.wait";
    /** Counter: dependency waits past {@code dependencyWaitAlert} (alert on any increase). */
    public static final String DEPENDENCY_WAITS_EXCEEDED = "ripple.replica.dependency.waits.exceeded";
    /** Gauge: the longest dependency wait in progress, in seconds (0 when none). */
    public static final String DEPENDENCY_WAIT_LONGEST = "ripple.replica.dependency.wait.longest";
    /** Gauge: partitions paused (dependency wait, backoff, open breaker, full buffer, stuck). */
    public static final String PAUSED_PARTITIONS = "ripple.replica.partitions.paused";
    /** Gauge: records polled and not yet durable. */
    public static final String BUFFERED = "ripple.replica.buffered.records";
    /** Counter: times a partition was paused because its buffer reached {@code maxBufferedRecords}. */
    public static final String BUFFER_FULL = "ripple.replica.buffer.full";
    /** Counter, tag {@link #TAG_CAUSE} ({@code store}, {@code target}, {@code breaker-open}): failed batches. */
    public static final String FAILURES = "ripple.replica.failures";
    /** Gauge: partitions stopped by an unreadable record (alert when above 0). */
    public static final String STUCK_PARTITIONS = "ripple.replica.partitions.stuck";
    /** Counter: positions published to {@code ripple.positions}. */
    public static final String POSITIONS_PUBLISHED = "ripple.replica.positions.published";
    /**
     * Gauge: partitions of the region out of service because their store lost its data, being rebuilt (a new region's
     * partitions being filled are out of service too, but not counted: nothing was lost).
     */
    public static final String PARTITIONS_REBUILDING = "ripple.replica.partitions.rebuilding";
    /** Counter: losses found (a partition's position gone, of another generation, or behind what was applied). */
    public static final String STORE_LOSSES = "ripple.replica.store.losses";
    /** Counter: latest-state records applied by rebuilds and fills. */
    public static final String REBUILD_RECORDS = "ripple.replica.rebuild.records";
    /** Gauge: latest-state records the running rebuilds and fills have still to read (an estimate). */
    public static final String REBUILD_REMAINING = "ripple.replica.rebuild.remaining.records";
    /** Counter, tags {@link #TAG_TARGET}, {@link #TAG_OUTCOME} ({@code ok}, {@code failed}): HTTP target calls. */
    public static final String TARGET_CALLS = "ripple.replica.target.calls";
    /** Gauge, tag {@link #TAG_TARGET}: circuit breaker state, 0 closed, 1 open, 2 half-open, 3 other. */
    public static final String TARGET_BREAKER = "ripple.replica.target.breaker.state";

    /** Counter, tags {@link #TAG_REGION}, {@link #TAG_OUTCOME}: read API answers by outcome ({@code ok},
     * {@code waited}, {@code redirected}, {@code refused}, {@code not-found}, {@code bad-token},
     * {@code stale-token}, {@code bad-request}, {@code unknown-region}, {@code unavailable}). */
    public static final String READS = "ripple.read.requests";
    /** Timer: how long served reads waited for their region. */
    public static final String READ_WAIT = "ripple.read.wait";
    /** Timer: read latency, from request to answer. */
    public static final String READ_LATENCY = "ripple.read.latency";
    /** Counter: {@code wait=} values above {@code maxWait}, cut down to it (limit hit). */
    public static final String READ_WAIT_CAPPED = "ripple.read.wait.capped";
    /** Gauge: reads waiting for their region now. */
    public static final String READ_WAITERS = "ripple.read.waiters";
    /** Counter: reads refused without waiting because {@code maxWaiters} reads were waiting (limit hit). */
    public static final String READ_WAITERS_REJECTED = "ripple.read.waiters.rejected";

    public static final String TAG_REGION = "region";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_CAUSE = "cause";
    public static final String TAG_TARGET = "target";

    private ReplicaMetricNames() {}
}
