package dev.ripple.runtime.http.internal;

import dev.ripple.runtime.RateLimit;
import dev.ripple.runtime.failure.BreakerOpenException;
import dev.ripple.runtime.failure.FailureKind;
import dev.ripple.runtime.failure.Failures;
import dev.ripple.runtime.failure.GaveUpException;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.runtime.http.Guard;
import dev.ripple.runtime.http.GuardListener;
import dev.ripple.runtime.http.GuardOptions;
import dev.ripple.runtime.http.TargetPolicy;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link Guard} on resilience4j; see there. */
public final class ResilienceGuard implements Guard {
    private final String target;
    private final TargetPolicy policy;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter limiter;
    private final Bulkhead bulkhead;
    private final ScheduledExecutorService scheduler;
    private final GuardListener listener;
    private final boolean waitWhileDown;
    private final Queue<Runnable> bulkheadWaiters = new ConcurrentLinkedQueue<>();
    private final long recheckNanos;

    /** @see Guard#create */
    public ResilienceGuard(String target, TargetPolicy policy, GuardOptions options, Clock clock,
            ScheduledExecutorService scheduler, GuardListener listener) {
        this.target = target;
        this.policy = policy;
        this.scheduler = scheduler;
        this.listener = listener;
        this.waitWhileDown = options.waitWhileDown();
        this.breaker = CircuitBreaker.of(target, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.slidingWindowCalls())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openWait())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .ignoreException(t -> Failures.classify(t) == FailureKind.REFUSED)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        this.retry = Retry.of(target, RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(),
                        policy.backoffMultiplier(), policy.jitter(), policy.maxBackoff()))
                .retryOnException(t -> Failures.classify(t) == FailureKind.RETRIABLE)
                .failAfterMaxAttempts(false)
                .build());
        this.limiter = options.ratePerSecond() == null ? null
                : RateLimiter.of(target, RateLimit.config(options.ratePerSecond()));
        this.bulkhead = Bulkhead.of(target, BulkheadConfig.custom().maxConcurrentCalls(options.maxConcurrent())
                .maxWaitDuration(Duration.ZERO).writableStackTraceEnabled(false).build());
        this.recheckNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), policy.openWait().toNanos() / 4);
        breaker.getEventPublisher().onStateTransition(e -> listener.breakerChanged(target,
                state(e.getStateTransition().getFromState()), state(e.getStateTransition().getToState())));
    }

    @Override
    public <T> CompletableFuture<T> call(int permits, Supplier<CompletableFuture<T>> attempt) {
        Call<T> call = new Call<>(permits, attempt);
        call.tryRun();
        return call.result;
    }

    @Override
    public BreakerState state() {
        return state(breaker.getState());
    }

    @Override
    public String target() {
        return target;
    }

    private void later(Runnable task, long nanos) {
        try {
            scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // closing: the call stays unfinished and its record uncommitted
        }
    }

    private void wakeWaiter() {
        Runnable waiter = bulkheadWaiters.poll();
        if (waiter != null) {
            waiter.run();
        }
    }

    private static BreakerState state(CircuitBreaker.State state) {
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
                listener.waited(target, "breaker_open");
                if (!waitWhileDown) {
                    result.completeExceptionally(new BreakerOpenException(target));
                    return;
                }
                later(this::tryRun, recheckNanos);
                return;
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                listener.waited(target, "bulkhead_full");
                bulkheadWaiters.add(this::tryRun);
                if (bulkhead.getMetrics().getAvailableConcurrentCalls() > 0) {
                    wakeWaiter(); // a call finished between the refusal and the queueing
                }
                return;
            }
            long wait = limiter == null ? 0 : limiter.reservePermission(permits);
            if (wait > 0) {
                listener.waited(target, "rate_limited");
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
                    listener.called(target, "success");
                    result.complete(value);
                } else {
                    failed(Failures.unwrap(error), took);
                }
            });
        }

        void failed(Throwable error, long took) {
            breaker.onError(took, TimeUnit.NANOSECONDS, error);
            FailureKind kind = Failures.classify(error);
            if (kind != FailureKind.RETRIABLE) {
                listener.called(target, kind == FailureKind.REFUSED ? "rejected" : "failed");
                result.completeExceptionally(new GaveUpException(target, attempts, error));
                return;
            }
            long delay = retryContext.onError(error);
            if (delay < 0) {
                if (!waitWhileDown || (!Failures.isUnavailable(error)
                        && breaker.getState() == CircuitBreaker.State.CLOSED)) {
                    listener.called(target, "failed");
                    result.completeExceptionally(new GaveUpException(target, attempts, error));
                    return;
                }
                // the target is down, not this call: keep waiting for it, at the longest backoff
                retryContext = retry.asyncContext();
                delay = policy.maxBackoff().toMillis();
            }
            listener.called(target, "retried");
            later(this::tryRun, TimeUnit.MILLISECONDS.toNanos(delay));
        }
    }
}
