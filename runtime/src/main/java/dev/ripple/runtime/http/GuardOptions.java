package dev.ripple.runtime.http;

/**
 * A {@link Guard}'s bulkhead, rate limit and what it does while its target is down. Immutable.
 *
 * @param maxConcurrent calls in flight at once, 1 to 100,000; a call beyond waits for one to finish
 * @param ratePerSecond permits a second, or null for no limit
 * @param waitWhileDown true: a call waits out an open breaker and an unavailable target as long as it takes (the
 *     purger); false: it fails at once with {@link dev.ripple.runtime.failure.BreakerOpenException} while the
 *     breaker is open, and with {@link dev.ripple.runtime.failure.GaveUpException} once its attempts are spent,
 *     so the caller can pause and try again (the replica)
 */
public record GuardOptions(int maxConcurrent, Double ratePerSecond, boolean waitWhileDown) {
    public GuardOptions {
        if (maxConcurrent < 1 || maxConcurrent > 100_000) {
            throw new IllegalArgumentException("Invalid value " + maxConcurrent
                    + " for configuration max_concurrent: must be 1 to 100000");
        }
        if (ratePerSecond != null && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("Invalid value " + ratePerSecond
                    + " for configuration rate_per_second: must be positive");
        }
    }

    /** Waits while the target is down, as the purger does. */
    public static GuardOptions waiting(int maxConcurrent, Double ratePerSecond) {
        return new GuardOptions(maxConcurrent, ratePerSecond, true);
    }

    /** Fails fast while the target is down, so the caller pauses and retries; no rate limit. */
    public static GuardOptions failingFast(int maxConcurrent) {
        return new GuardOptions(maxConcurrent, null, false);
    }
}
