package dev.ripple.runtime.http;

import dev.ripple.runtime.http.internal.ResilienceGuard;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One target's retry, circuit breaker, bulkhead and rate limit (resilience4j), around asynchronous calls and
 * without parking a thread: waits are scheduled, not slept. Failures are classified by
 * {@link dev.ripple.runtime.failure.Failures}: refused and fatal ones are never retried and do not count against
 * the breaker when refused; retriable ones are retried as the {@link TargetPolicy} says. Thread-safe.
 */
public interface Guard {
    /**
     * @param target the target's name, in metrics, logs and failures
     * @param clock the breaker's clock
     * @param scheduler runs delayed retries and rechecks; a rejected task leaves its call unfinished (closing)
     */
    static Guard create(String target, TargetPolicy policy, GuardOptions options, Clock clock,
            ScheduledExecutorService scheduler, GuardListener listener) {
        return new ResilienceGuard(target, policy, options, clock, scheduler, listener);
    }

    /**
     * Runs {@code attempt} under the guard, again after each retriable failure.
     *
     * @param permits rate-limiter permits one attempt takes
     * @return the first successful attempt's value; failed with {@link dev.ripple.runtime.failure.GaveUpException}
     *     once the call is given up, or {@link dev.ripple.runtime.failure.BreakerOpenException} (fail-fast only)
     */
    <T> CompletableFuture<T> call(int permits, Supplier<CompletableFuture<T>> attempt);

    /** The breaker's state now. */
    BreakerState state();

    /** The target's name. */
    String target();
}
