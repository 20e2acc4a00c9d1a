package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.BreakerState;
import dev.ripple.cachepurger.TargetPolicy;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One target's resilience4j retry, circuit breaker, rate limiter and bulkhead, applied to asynchronous calls
 * without parking a thread: waits (backoff, open breaker, full bulkhead, rate limit) are scheduled, not slept.
 * A call waits out an open breaker without spending attempts; a call that fails because the target does not
 * answer is retried until it does (see {@link TargetPolicy}). Thread-safe.
 */
final class Guard {
    /** Told of breaker transitions. */
    interface Transitions {
        void changed(String target, BreakerState from, BreakerState to);
    }

    private final String target;
    private final TargetPolicy policy;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter limiter;
    private final Bulkhead bulkhead;
    private final ScheduledExecutorService scheduler;
    private final PurgerMetrics metrics;
    private final Queue<Runnable> bulkheadWaiters = new ConcurrentLinkedQueue<>();
    private final long recheckNanos;

    /**
     * @param maxConcurrent bulkhead: calls in flight at once
     * @param ratePerSecond permits a second (a Redis batch takes one per purge), or null for no limit
     */
    Guard(String target, TargetPolicy policy, int maxConcurrent, Double ratePerSecond, Clock clock,
            ScheduledExecutorService scheduler, PurgerMetrics metrics, Transitions transitions) {
        this.target = target;
        this.policy = policy;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.breaker = CircuitBreaker.of(target, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.slidingWindowCalls())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openWait())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .ignoreException(t -> Failures.classify(t) == Failures.Kind.REFUSED)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        this.retry = Retry.of(target, RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(),
                        policy.backoffMultiplier(), policy.jitter(), policy.maxBackoff()))
                .retryOnException(t -> Failures.classify(t) != Failures.Kind.REFUSED)
                .failAfterMaxAttempts(false)
                .build());
        this.limiter = ratePerSecond == null ? null : RateLimiter.of(target, rateConfig(ratePerSecond));
        this.bulkhead = Bulkhead.of(target, BulkheadConfig.custom().maxConcurrentCalls(maxConcurrent)
                .maxWaitDuration(Duration.ZERO).writableStackTraceEnabled(false).build());
        this.recheckNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), policy.openWait().toNanos() / 4);
        breaker.getEventPublisher().onStateTransition(e -> transitions.changed(target,
                state(e.getStateTransition().getFromState()), state(e.getStateTransition().getToState())));
    }

    /**
     * Runs {@code attempt} under the guard, again after each retriable failure.
     *
     * @param permits rate-limiter permits one attempt takes
     * @return the first successful attempt's value; failed with the last failure once the call is given up
     */
    <T> CompletableFuture<T> call(int permits, Supplier<CompletableFuture<T>> attempt) {
        Call<T> call = new Call<>(permits, attempt);
        call.tryRun();
        return call.result;
    }

    BreakerState state() {
        return state(breaker.getState());
    }

    String target() {
        return target;
    }

    private void later(Runnable task, long nanos) {
        try {
            scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the purger is closing: the call stays unfinished and its record uncommitted
        }
    }

    private void wakeWaiter() {
        Runnable waiter = bulkheadWaiters.poll();
        if (waiter != null) {
            waiter.run();
        }
    }

    private static RateLimiterConfig rateConfig(double ratePerSecond) {
        // a period short enough to spread permits out, long enough to hold a whole one
        long periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (1e9 / ratePerSecond));
        int perPeriod = (int) Math.max(1, Math.round(ratePerSecond * periodNanos / 1e9));
        return RateLimiterConfig.custom().limitRefreshPeriod(Duration.ofNanos(periodNanos)).limitForPeriod(perPeriod)
                .timeoutDuration(Duration.ofDays(1)).writableStackTraceEnabled(false).build();
    }

    static BreakerState state(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case FORCED_OPEN -> BreakerState.FORCED_OPEN;
            case DISABLED, METRICS_ONLY -> BreakerState.DISABLED;
        };
    }

    private final class Call<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final int permits;
        final Supplier<CompletableFuture<T>> attempt;
        Retry.AsyncContext<T> retryContext = retry.asyncContext();
        int attempts;

        Call(int permits, Supplier<CompletableFuture<T>> attempt) {
            this.permits = permits;
            this.attempt = attempt;
        }

        void tryRun() {
            if (!breaker.tryAcquirePermission()) {
                metrics.targetWait(target, "breaker_open");
                later(this::tryRun, recheckNanos);
                return;
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                metrics.targetWait(target, "bulkhead_full");
                bulkheadWaiters.add(this::tryRun);
                if (bulkhead.getMetrics().getAvailableConcurrentCalls() > 0) {
                    wakeWaiter(); // a call finished between the refusal and the queueing
                }
                return;
            }
            long wait = limiter == null ? 0 : limiter.reservePermission(permits);
            if (wait > 0) {
                metrics.targetWait(target, "rate_limited");
                later(this::invoke, wait);
            } else {
                invoke();
            }
        }

        void invoke() {
            attempts++;
            long start = System.nanoTime();
            CompletableFuture<T> stage;
            try {
                stage = attempt.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> {
                bulkhead.onComplete();
                wakeWaiter();
                long took = System.nanoTime() - start;
                if (error == null) {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    retryContext.onComplete();
                    metrics.targetCall(target, "success");
                    result.complete(value);
                } else {
                    failed(Failures.unwrap(error), took);
                }
            });
        }

        void failed(Throwable error, long took) {
            breaker.onError(took, TimeUnit.NANOSECONDS, error);
            Failures.Kind kind = Failures.classify(error);
            if (kind == Failures.Kind.REFUSED) {
                metrics.targetCall(target, "rejected");
                result.completeExceptionally(new GaveUpException(target, attempts, error));
                return;
            }
            long delay = retryContext.onError(error);
            if (delay < 0) {
                if (kind == Failures.Kind.FAILED && breaker.getState() == CircuitBreaker.State.CLOSED) {
                    metrics.targetCall(target, "failed");
                    result.completeExceptionally(new GaveUpException(target, attempts, error));
                    return;
                }
                // the target is down, not this purge: keep waiting for it, at the longest backoff
                retryContext = retry.asyncContext();
                delay = policy.maxBackoff().toMillis();
            }
            metrics.targetCall(target, "retried");
            later(this::tryRun, TimeUnit.MILLISECONDS.toNanos(delay));
        }
    }
}
