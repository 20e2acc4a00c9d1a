package dev.ripple.cachepurger;

import static dev.ripple.runtime.Checks.require;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * How a purge target is retried and when its circuit breaker opens: a named config of {@link PurgerConfig}
 * ({@code default}, or one named after a target). The target's own document gives its bulkhead
 * ({@code max_concurrent}), rate limit ({@code rate_per_second}) and call timeout ({@code timeout_ms}).
 *
 * <p>A call that fails because the target did not answer (connection refused, timeout, HTTP 502/503/504/408/429,
 * Redis loading) is retried with exponential backoff and jitter, for as long as it takes: such failures open the
 * breaker, which pauses the purger's partitions, so nothing is dropped. A call the target answered with an error
 * (HTTP 500) is retried {@link #maxAttempts} times, then its purge goes to the dead-letter topic; one it refused
 * (HTTP 4xx other than 404/408/429, a Redis script error) goes there at once. Immutable.
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

    /** The name of the policy of every target that has none of its own. */
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

    public TargetPolicy withOpenWait(Duration wait) {
        return new TargetPolicy(maxAttempts, initialBackoff, backoffMultiplier, jitter, maxBackoff, failureRatePercent,
                slidingWindowCalls, minimumCalls, wait, halfOpenCalls);
    }
}
