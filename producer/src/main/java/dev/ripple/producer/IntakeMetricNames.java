package dev.ripple.producer;

/** Names of the intake's meters; every one is tagged as its Javadoc says. */
public final class IntakeMetricNames {
    /** Events acknowledged by Kafka (counter). */
    public static final String EVENTS_PUBLISHED = "ripple.intake.events.published";
    /** Events refused, tag {@code status} (400/403/409/413/429/503) (counter). */
    public static final String EVENTS_REFUSED = "ripple.intake.events.refused";
    /** Fire-and-forget events Kafka did not take (counter); the producer was already answered 202. */
    public static final String HASTY_FAILED = "ripple.intake.events.hasty.failed";
    /** Request body sizes in bytes (distribution summary). */
    public static final String BODY_BYTES = "ripple.intake.request.body.bytes";
    /** Failed producer authentications, tag {@code reason} ({@code missing}, {@code bad-token}) (counter). */
    public static final String AUTH_FAILURES = "ripple.intake.auth.failures";
    /** Producer token hashes computed (PBKDF2, tens of milliseconds each): at most one per request (counter). */
    public static final String TOKEN_HASHES = "ripple.intake.auth.hashes";
    /**
     * A configured limit, tag {@code limit} (gauge, the limit's value), named by its config key without a unit
     * suffix, the unit being in the meter's name: {@code max_body} (bytes: {@code ripple_intake_limit_bytes}),
     * {@code max_batch_events}, {@code max_json_depth}, {@code max_number_chars}, {@code failed_auths} (the burst),
     * {@code publish_timeout} (seconds: {@code ripple_intake_limit_seconds}), {@code max_retry_ids}.
     */
    public static final String LIMIT = "ripple.intake.limit";
    /**
     * Requests refused because they hit a limit, tag {@code limit} (counter): those of {@link #LIMIT}, and a
     * producer's {@code rate_per_second} and {@code burst}. For {@code publish_timeout}, requests answered 503 because
     * Kafka had not acknowledged their events within the timeout; for {@code max_retry_ids}, ids forgotten before
     * their retry window ended, to make room.
     */
    public static final String LIMIT_HITS = "ripple.intake.limit.hits";
    /**
     * Events answered with the outcome of an earlier publish of the same {@code meta.id} (same producer and stream)
     * instead of being written again (counter).
     */
    public static final String RETRIES_DEDUPLICATED = "ripple.intake.retries.deduplicated";
    /**
     * Retries of an event whose first publish Kafka never answered (it may be stored: the acknowledgement may have
     * been lost), tag {@code found}: {@code written} (answered with the stored write's dot, and counted in
     * {@link #RETRIES_DEDUPLICATED}), {@code not_written} (published anew), {@code unknown} (Kafka could not be read
     * in time; answered 503, and the next retry looks again) (counter).
     */
    public static final String UNCERTAIN_WRITES = "ripple.intake.retries.uncertain";
    /** Client {@code meta.id}s remembered for recognising retries (gauge); at most {@code max_retry_ids}. */
    public static final String RETRY_IDS = "ripple.intake.retries.ids";

    private IntakeMetricNames() {}
}
