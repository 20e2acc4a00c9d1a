package dev.ripple.replica;

import dev.ripple.runtime.Checks;
import dev.ripple.runtime.http.TargetPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the applier calls a region's HTTP replica targets: each call has a timeout; retries and the breaker follow
 * the runtime's {@link TargetPolicy}, the one the purger's targets use. A retriable failure (timeout, 5xx,
 * connection refused) is retried with backoff; once the attempts are spent, or while the breaker is open, the batch
 * fails and its partition stays paused and is retried (lag grows visibly; nothing is skipped). A refused record
 * (4xx other than 412) goes to the region's dead-letter topic and the applier moves on. Immutable.
 *
 * @param requestTimeout longest one HTTP call may take
 * @param policy retries and breaker
 */
public record HttpTargetConfig(Duration requestTimeout, TargetPolicy policy) {

    public HttpTargetConfig {
        Checks.positive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(policy, "policy");
    }

    /** 2 s timeout, 3 attempts 100 ms apart, breaker opens at 50 % of 20 calls (at least 10), open for 5 s. */
    public static HttpTargetConfig defaults() {
        return new HttpTargetConfig(Duration.ofSeconds(2), TargetPolicy.defaults().withMaxAttempts(3)
                .withFixedBackoff(Duration.ofMillis(100)).withBreaker(50, 20, 10, Duration.ofSeconds(5)));
    }

    /** The same config with another breaker (see {@link TargetPolicy#withBreaker}). */
    public HttpTargetConfig withBreaker(float percent, int window, int minimum, Duration open) {
        return new HttpTargetConfig(requestTimeout, policy.withBreaker(percent, window, minimum, open));
    }

    /** The same config with {@code attempts} per record and target, {@code wait} apart. */
    public HttpTargetConfig withRetry(int attempts, Duration wait) {
        return new HttpTargetConfig(requestTimeout, policy.withMaxAttempts(attempts).withFixedBackoff(wait));
    }
}
