package dev.ripple.replica;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * How the applier calls a region's HTTP replica targets: each call has a timeout and a resilience4j retry; each
 * target has a circuit breaker, and while it is open the partitions waiting on it stay paused (lag grows
 * visibly; nothing is skipped). Immutable.
 *
 * @param requestTimeout longest one HTTP call may take
 * @param maxAttempts attempts per record and target, including the first (1 to 20)
 * @param retryWait wait between attempts
 * @param failureRatePercent failure rate that opens the breaker (1 to 100)
 * @param slidingWindowCalls calls the failure rate is measured over (1 to 1,000)
 * @param minimumCalls calls needed before the rate is judged (1 to 1,000)
 * @param openWait how long the breaker stays open before letting trial calls through
 */
public record HttpTargetConfig(Duration requestTimeout, int maxAttempts, Duration retryWait,
        float failureRatePercent, int slidingWindowCalls, int minimumCalls, Duration openWait) {

    public HttpTargetConfig {
        Checks.positive(requestTimeout, "requestTimeout");
        Checks.range(maxAttempts, "maxAttempts", 1, 20);
        Checks.positive(retryWait, "retryWait");
        Checks.range(failureRatePercent, "failureRatePercent", 1, 100);
        Checks.range(slidingWindowCalls, "slidingWindowCalls", 1, 1_000);
        Checks.range(minimumCalls, "minimumCalls", 1, 1_000);
        Checks.positive(openWait, "openWait");
    }

    /** 2 s timeout, 3 attempts 100 ms apart, breaker opens at 50 % of 20 calls (at least 10), open for 5 s. */
    public static HttpTargetConfig defaults() {
        return new HttpTargetConfig(Duration.ofSeconds(2), 3, Duration.ofMillis(100), 50, 20, 10,
                Duration.ofSeconds(5));
    }

    public HttpTargetConfig withBreaker(float percent, int window, int minimum, Duration open) {
        return new HttpTargetConfig(requestTimeout, maxAttempts, retryWait, percent, window, minimum, open);
    }

    public HttpTargetConfig withRetry(int attempts, Duration wait) {
        return new HttpTargetConfig(requestTimeout, attempts, wait, failureRatePercent, slidingWindowCalls,
                minimumCalls, openWait);
    }
}
