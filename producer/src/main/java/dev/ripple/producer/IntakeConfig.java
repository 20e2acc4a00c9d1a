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
 * @param publishTimeout longest a request waits for Kafka's acknowledgements before answering 503
 */
public record IntakeConfig(IntakeLimits limits, boolean authRequired, String origin, int partitions,
        Duration publishTimeout) {

    public IntakeConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Checks.range(partitions, "partitions", 1, 10_000);
        Checks.positive(publishTimeout, "publishTimeout");
    }

    /** {@link IntakeLimits#defaults()}, tokens required, 6 partitions, 30 s to publish. */
    public static IntakeConfig defaults() {
        return new IntakeConfig(IntakeLimits.defaults(), true, null, 6, Duration.ofSeconds(30));
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
        return new IntakeConfig(limits, required, origin, partitions, publishTimeout);
    }

    public IntakeConfig withOrigin(String newOrigin) {
        return new IntakeConfig(limits, authRequired, newOrigin, partitions, publishTimeout);
    }

    public IntakeConfig withLimits(long newMaxBodyBytes, int newMaxBatchEvents) {
        return withLimits(limits.withBody(newMaxBodyBytes, newMaxBatchEvents));
    }

    public IntakeConfig withLimits(IntakeLimits newLimits) {
        return new IntakeConfig(newLimits, authRequired, origin, partitions, publishTimeout);
    }

    public IntakeConfig withPartitions(int newPartitions) {
        return new IntakeConfig(limits, authRequired, origin, newPartitions, publishTimeout);
    }

    public IntakeConfig withPublishTimeout(Duration timeout) {
        return new IntakeConfig(limits, authRequired, origin, partitions, timeout);
    }
}
