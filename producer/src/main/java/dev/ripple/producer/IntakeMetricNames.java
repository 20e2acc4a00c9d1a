package dev.ripple.producer;

/** Names of the intake's meters; every one is tagged as its Javadoc says. */
public final class IntakeMetricNames {
    /** Events acknowledged by Kafka (counter). */
    public static final String EVENTS_PUBLISHED = "ripple.intake.events.published";
    /** Events refused, tag {@code status} (400/403/413/429/503) (counter). */
    public static final String EVENTS_REFUSED = "ripple.intake.events.refused";
    /** Fire-and-forget events Kafka did not take (counter); the producer was already answered 202. */
    public static final String HASTY_FAILED = "ripple.intake.events.hasty.failed";
    /** Request body sizes in bytes (distribution summary). */
    public static final String BODY_BYTES = "ripple.intake.request.body.bytes";
    /** A configured limit, tag {@code limit} (gauge, the limit's value). */
    public static final String LIMIT = "ripple.intake.limit";
    /** Requests refused because they hit a limit, tag {@code limit} (counter). */
    public static final String LIMIT_HITS = "ripple.intake.limit.hits";

    private IntakeMetricNames() {}
}
