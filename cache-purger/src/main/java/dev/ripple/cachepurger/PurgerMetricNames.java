package dev.ripple.cachepurger;

/**
 * Names of the cache purger's meters. Every meter is tagged {@value #TAG_REGION}; target meters also
 * {@value #TAG_TARGET}.
 */
public final class PurgerMetricNames {
    /** Records read, tag {@value #TAG_KIND} ({@code purge}, {@code watermark}, {@code unreadable}) (counter). */
    public static final String RECORDS = "ripple.purger.records";
    /** Purges finished, tag {@value #TAG_OUTCOME} ({@code acknowledged}, {@code dead_lettered}) (counter). */
    public static final String PURGES = "ripple.purger.purges";
    /** Purge records merged into an identical waiting purge of the same key, so not sent again (counter). */
    public static final String COALESCED = "ripple.purger.purges.coalesced";
    /** From reading a purge to its last target's acknowledgement (timer). */
    public static final String PURGE_LATENCY = "ripple.purger.purge.latency";
    /** From the source event's {@code meta.dt} to its purge's acknowledgement: publish → purged (timer). */
    public static final String END_TO_END_LATENCY = "ripple.purger.end_to_end.latency";
    /** Calls to targets, tags target and {@value #TAG_OUTCOME} ({@code success}, {@code retried},
     *  {@code rejected}, {@code failed}) (counter). */
    public static final String TARGET_CALLS = "ripple.purger.target.calls";
    /** Calls held back, tags target and {@value #TAG_REASON} ({@code breaker_open}, {@code bulkhead_full},
     *  {@code rate_limited}, {@code node_connections}) (counter). */
    public static final String TARGET_WAITS = "ripple.purger.target.waits";
    /** 1 for a target's breaker's current state, 0 for the others, tags target and {@value #TAG_STATE} (gauge). */
    public static final String BREAKER_STATE = "ripple.purger.target.breaker.state";
    /** Breaker transitions, tags target, {@code from} and {@code to} (counter). */
    public static final String BREAKER_TRANSITIONS = "ripple.purger.target.breaker.transitions";
    /** HTTP purge requests answered, tags target, {@code tier} and {@code status} (counter). */
    public static final String HTTP_REQUESTS = "ripple.purger.http.requests";
    /** Cache keys (and tagged keys) a Redis target removed, tag target (counter). */
    public static final String KEYS_REMOVED = "ripple.purger.redis.keys.removed";
    /** Purges being sent to targets now (gauge). */
    public static final String IN_FLIGHT = "ripple.purger.in_flight";
    /** Purges waiting for their key's previous purge or their coalescing window (gauge). */
    public static final String QUEUED = "ripple.purger.queued";
    /** Records read and not yet committed (gauge). */
    public static final String PENDING_RECORDS = "ripple.purger.records.pending";
    /** Partitions paused, by breakers or by {@code max_pending_records} (gauge). */
    public static final String PAUSED_PARTITIONS = "ripple.purger.partitions.paused";
    /** Purge positions published to {@code ripple.positions} (counter). */
    public static final String POSITIONS_PUBLISHED = "ripple.purger.positions.published";
    /** A configured limit, tag {@value #TAG_LIMIT} (and target for a target's own) (gauge, the value). */
    public static final String LIMIT = "ripple.purger.limit";
    /** Times a limit held work back, tag {@value #TAG_LIMIT} (counter). */
    public static final String LIMIT_HITS = "ripple.purger.limit.hits";

    public static final String TAG_REGION = "region";
    public static final String TAG_TARGET = "target";
    public static final String TAG_KIND = "kind";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_REASON = "reason";
    public static final String TAG_STATE = "state";
    public static final String TAG_LIMIT = "limit";

    private PurgerMetricNames() {}
}
