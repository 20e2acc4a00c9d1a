package dev.ripple.producer;

import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and behaviour of the intake HTTP API. Immutable.
 *
 * @param limits what one client may make the intake read, parse and try
 * @param authRequired whether a producer bearer token is required ({@code ripple up} may run without)
 * @param origin this intake's region, put in {@code meta.origin} when a producer leaves it out; may be null
 * @param partitions partitions of each stream's source topic (one cluster-wide count, DESIGN.md section 4)
 * @param publishTimeout longest the intake spends publishing a request's events, from the moment they passed every
 *     check to the answer: when Kafka has not acknowledged them all by then, the answer is {@code 503} with
 *     {@code Retry-After} (limit {@code publish_timeout}). The intake's Kafka producer never blocks a send for longer
 *     ({@code max.block.ms} is lowered to it), so the bound holds while Kafka is down, full or unknown
 * @param retries how the intake recognises a retry of a publish by its {@code meta.id}
 */
public record IntakeConfig(IntakeLimits limits, boolean authRequired, String origin, int partitions,
        Duration publishTimeout, RetryWindow retries) {

    /** The default {@link #publishTimeout}: a client's own timeout is rarely shorter. */
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    public IntakeConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(retries, "retries");
        Checks.range(partitions, "partitions", 1, 10_000);
        Checks.millis(publishTimeout, "publishTimeout", 100, 300_000);
    }

    /**
     * {@link IntakeLimits#defaults()}, tokens required, 6 partitions, 5 s to publish,
     * {@link RetryWindow#defaults()}.
     */
    public static IntakeConfig defaults() {
        return new IntakeConfig(IntakeLimits.defaults(), true, null, 6, DEFAULT_PUBLISH_TIMEOUT,
                RetryWindow.defaults());
    }

    /** Largest request body accepted, in bytes (after gzip decoding). */
    public long maxBodyBytes() {
        return limits.maxBodyBytes();
    }

    /** Most events in one request. */
    public int maxBatchEvents() {
        return limits.maxBatchEvents();
    }

    public IntakeConfig withAuthRequired(boolean required) {
        return new IntakeConfig(limits, required, origin, partitions, publishTimeout, retries);
    }

    public IntakeConfig withOrigin(String newOrigin) {
        return new IntakeConfig(limits, authRequired, newOrigin, partitions, publishTimeout, retries);
    }

    public IntakeConfig withLimits(long newMaxBodyBytes, int newMaxBatchEvents) {
        return withLimits(limits.withBody(newMaxBodyBytes, newMaxBatchEvents));
    }

    public IntakeConfig withLimits(IntakeLimits newLimits) {
        return new IntakeConfig(newLimits, authRequired, origin, partitions, publishTimeout, retries);
    }

    public IntakeConfig withPartitions(int newPartitions) {
        return new IntakeConfig(limits, authRequired, origin, newPartitions, publishTimeout, retries);
    }

    public IntakeConfig withPublishTimeout(Duration timeout) {
        return new IntakeConfig(limits, authRequired, origin, partitions, timeout, retries);
    }

    public IntakeConfig withRetries(RetryWindow newRetries) {
        return new IntakeConfig(limits, authRequired, origin, partitions, publishTimeout, newRetries);
    }
}
