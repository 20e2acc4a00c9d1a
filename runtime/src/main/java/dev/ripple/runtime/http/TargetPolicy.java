package dev.ripple.runtime.http;

import static dev.ripple.runtime.Checks.require;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * How a {@link Guard} retries a target's calls and when its circuit breaker opens: the purger's named target
 * policies and the replica's HTTP targets share it. Bulkhead and rate limit are {@link GuardOptions}.
 *
 * <p>A retriable failure ({@link dev.ripple.runtime.failure.FailureKind#RETRIABLE}) is retried with exponential
 * backoff and jitter, up to {@link #maxAttempts} attempts; a guard that {@link GuardOptions#waitWhileDown waits}
 * goes on at the longest backoff while the target is unavailable (it did not answer, or answered 408, 429,
 * 502, 503, 504), so nothing is dropped. A refused call (HTTP 4xx, a Redis script error) is never retried: its
 * record goes to the dead-letter topic at once. Immutable.
 *
 * @param maxAttempts attempts of a call the target answers with an error, at least 1
 * @param initialBackoff wait before the first retry
 * @param backoffMultiplier growth of the wait per retry, at least 1
 * @param jitter randomization of each wait, at least 0 and below 1: a wait w is drawn from w × (1 ± jitter)
 * @param maxBackoff longest wait between retries
 * @param failureRatePercent failure rate at which the breaker opens, 1 to 100
 * @param slidingWindowCalls calls the failure rate is computed over
 * @param minimumCalls calls needed before the rate counts, at most {@code slidingWindowCalls}
 * @param openWait how long the breaker stays open before letting trial calls through
 * @param halfOpenCalls trial calls that decide whether it closes again
 */
public record TargetPolicy(int maxAttempts, Duration initialBackoff, double backoffMultiplier, double jitter,
        Duration maxBackoff, float failureRatePercent, int slidingWindowCalls, int minimumCalls, Duration openWait,
        int halfOpenCalls) {

    /** The name of the policy of every target that has none of its own (in the purger's config). */
    public static final String DEFAULT = "default";

    public TargetPolicy {
        Checks.range(maxAttempts, "max_attempts", 1, 100);
        Checks.positive(initialBackoff, "initial_backoff");
        require(backoffMultiplier >= 1 && backoffMultiplier <= 10, "backoff_multiplier", backoffMultiplier,
                "must be 1 to 10");
        require(jitter >= 0 && jitter < 1, "jitter", jitter, "must be at least 0 and below 1");
        require(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0, "max_backoff", maxBackoff,
                "must be at least initial_backoff");
        require(failureRatePercent >= 1 && failureRatePercent <= 100, "failure_rate_percent", failureRatePercent,
                "must be 1 to 100");
        Checks.range(slidingWindowCalls, "sliding_window_calls", 1, 10_000);
        require(minimumCalls >= 1 && minimumCalls <= slidingWindowCalls, "minimum_calls", minimumCalls,
                "must be 1 to sliding_window_calls");
        Checks.positive(openWait, "open_wait");
        Checks.range(halfOpenCalls, "half_open_calls", 1, 1000);
    }

    /**
     * 6 attempts, backoff from 50 ms doubling to 5 s with 50% jitter; the breaker opens at 50% failures over the
     * last 20 calls (at least 5), stays open 2 s, then lets 3 trial calls through.
     */
    public static TargetPolicy defaults() {
        return new TargetPolicy(6, Duration.ofMillis(50), 2.0, 0.5, Duration.ofSeconds(5), 50f, 20, 5,
                Duration.ofSeconds(2), 3);
    }

    public TargetPolicy withBackoff(Duration initial, Duration max) {
        return new TargetPolicy(maxAttempts, initial, backoffMultiplier, jitter, max, failureRatePercent,
                slidingWindowCalls, minimumCalls, openWait, halfOpenCalls);
    }

    public TargetPolicy withMaxAttempts(int attempts) {
        return new TargetPolicy(attempts, initialBackoff, backoffMultiplier, jitter, maxBackoff, failureRatePercent,
                slidingWindowCalls, minimumCalls, openWait, halfOpenCalls);
    }

    /** The same policy with another breaker: opens at {@code percent} failures of {@code window} calls (at least
     *  {@code minimum}), stays open {@code open}. */
    public TargetPolicy withBreaker(float percent, int window, int minimum, Duration open) {
        return new TargetPolicy(maxAttempts, initialBackoff, backoffMultiplier, jitter, maxBackoff, percent,
                window, minimum, open, halfOpenCalls);
    }

    /** The same policy with fixed waits of {@code wait} between retries (no growth, no jitter). */
    public TargetPolicy withFixedBackoff(Duration wait) {
        return new TargetPolicy(maxAttempts, wait, 1.0, 0, wait, failureRatePercent, slidingWindowCalls,
                minimumCalls, openWait, halfOpenCalls);
    }

    public TargetPolicy withOpenWait(Duration wait) {
        return new TargetPolicy(maxAttempts, initialBackoff, backoffMultiplier, jitter, maxBackoff, failureRatePercent,
                slidingWindowCalls, minimumCalls, wait, halfOpenCalls);
    }
}
