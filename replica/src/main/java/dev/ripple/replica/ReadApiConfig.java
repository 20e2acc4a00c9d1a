package dev.ripple.replica;

import dev.ripple.consistency.EpochSource;
import dev.ripple.events.ResourceKeys;
import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * The read API's settings and bounds (DESIGN.md 6.1). Immutable.
 *
 * @param epoch the epoch in force (followed live); tokens of older epochs are answered 410, of later ones 400
 * @param partitions the cluster's source partition count: a key's partition is {@code murmur2(key) % partitions},
 *     as the producer placed it
 * @param defaultWait the wait when a request sends no {@code Ripple-On-Violation} ({@code wait=200} by default)
 * @param maxWait the longest wait honoured; longer {@code wait=} values are cut to it and counted
 * @param maxWaiters reads that may wait at once; beyond, reads are answered 409 at once and counted
 * @param retryAfter the {@code Retry-After} of a 409 or 503
 * @param maxKeyBytes the longest key accepted, in UTF-8 bytes
 */
public record ReadApiConfig(EpochSource epoch, int partitions, Duration defaultWait, Duration maxWait, int maxWaiters,
        Duration retryAfter, int maxKeyBytes) {

    public ReadApiConfig {
        Objects.requireNonNull(epoch, "epoch");
        Checks.range(partitions, "partitions", 1, 10_000);
        Checks.between(defaultWait, "defaultWait", Duration.ZERO, maxWait == null ? Duration.ZERO : maxWait);
        Checks.between(maxWait, "maxWait", Duration.ZERO, Duration.ofMinutes(5));
        Checks.range(maxWaiters, "maxWaiters", 0, 1_000_000);
        Checks.between(retryAfter, "retryAfter", Duration.ofSeconds(1), Duration.ofHours(1));
        Checks.range(maxKeyBytes, "maxKeyBytes", 1, 64 * 1024);
    }

    /** Epoch 1, 6 partitions, waits of 200 ms by default and 5 s at most, 10,000 waiters, retry after 1 s, 1 KiB keys. */
    public static ReadApiConfig defaults() {
        return new ReadApiConfig(EpochSource.fixed(1), 6, Duration.ofMillis(200), Duration.ofSeconds(5), 10_000, Duration.ofSeconds(1),
                ResourceKeys.MAX_BYTES);
    }

    public ReadApiConfig withEpoch(EpochSource newEpoch) {
        return new ReadApiConfig(newEpoch, partitions, defaultWait, maxWait, maxWaiters, retryAfter, maxKeyBytes);
    }

    public ReadApiConfig withPartitions(int count) {
        return new ReadApiConfig(epoch, count, defaultWait, maxWait, maxWaiters, retryAfter, maxKeyBytes);
    }

    public ReadApiConfig withWaits(Duration newDefault, Duration newMax, int newMaxWaiters) {
        return new ReadApiConfig(epoch, partitions, newDefault, newMax, newMaxWaiters, retryAfter, maxKeyBytes);
    }
}
