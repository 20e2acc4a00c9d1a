package dev.ripple.producer;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and behaviour of the intake HTTP API. Immutable.
 *
 * @param maxBodyBytes largest request body accepted, in bytes; larger is a 413
 * @param maxBatchEvents most events in one request; more is a 413
 * @param authRequired whether a producer bearer token is required ({@code ripple up} may run without)
 * @param origin this intake's region, put in {@code meta.origin} when a producer leaves it out; may be null
 * @param partitions partitions of each stream's source topic (one cluster-wide count, DESIGN.md section 4)
 * @param publishTimeout longest a request waits for Kafka's acknowledgements before answering 503
 */
public record IntakeConfig(long maxBodyBytes, int maxBatchEvents, boolean authRequired, String origin,
        int partitions, Duration publishTimeout) {

    public IntakeConfig {
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        require(maxBodyBytes >= 1024, "maxBodyBytes", maxBodyBytes, "must be at least 1024");
        require(maxBatchEvents >= 1, "maxBatchEvents", maxBatchEvents, "must be at least 1");
        require(partitions >= 1 && partitions <= 10_000, "partitions", partitions, "must be 1 to 10000");
        require(!publishTimeout.isNegative() && !publishTimeout.isZero(), "publishTimeout", publishTimeout,
                "must be positive");
    }

    /** 16 MiB bodies, 1,000 events a request, tokens required, 6 partitions, 30 s to publish. */
    public static IntakeConfig defaults() {
        return new IntakeConfig(16L << 20, 1000, true, null, 6, Duration.ofSeconds(30));
    }

    public IntakeConfig withAuthRequired(boolean required) {
        return new IntakeConfig(maxBodyBytes, maxBatchEvents, required, origin, partitions, publishTimeout);
    }

    public IntakeConfig withOrigin(String newOrigin) {
        return new IntakeConfig(maxBodyBytes, maxBatchEvents, authRequired, newOrigin, partitions, publishTimeout);
    }

    public IntakeConfig withLimits(long newMaxBodyBytes, int newMaxBatchEvents) {
        return new IntakeConfig(newMaxBodyBytes, newMaxBatchEvents, authRequired, origin, partitions,
                publishTimeout);
    }

    public IntakeConfig withPartitions(int newPartitions) {
        return new IntakeConfig(maxBodyBytes, maxBatchEvents, authRequired, origin, newPartitions, publishTimeout);
    }

    public IntakeConfig withPublishTimeout(Duration timeout) {
        return new IntakeConfig(maxBodyBytes, maxBatchEvents, authRequired, origin, partitions, timeout);
    }

    private static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + name + ": "
                    + rule);
        }
    }
}
