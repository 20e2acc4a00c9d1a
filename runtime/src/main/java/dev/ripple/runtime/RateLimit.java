package dev.ripple.runtime;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * At most so many permits a second, spread over the second so that a rate is a pace, not a burst each second
 * (resilience4j's {@link RateLimiter}). The one rate limit of Ripple's own loops: rebuilds, replays, purge targets.
 * Thread-safe; {@link #acquire} blocks.
 */
public final class RateLimit {
    private final RateLimiter limiter;
    private final int perPeriod;

    private RateLimit(RateLimiter limiter, int perPeriod) {
        this.limiter = limiter;
        this.perPeriod = perPeriod;
    }

    /**
     * @param name what is limited, for resilience4j's own events
     * @throws IllegalArgumentException if the rate is not positive
     */
    public static RateLimit perSecond(String name, double ratePerSecond) {
        RateLimiterConfig config = config(ratePerSecond);
        return new RateLimit(RateLimiter.of(name, config), config.getLimitForPeriod());
    }

    /**
     * A budget that never makes a caller wait: {@link #tryAcquire} takes permits if the current tenth of a second
     * has them left, else refuses at once (a prober leaves a sample out rather than fall behind).
     *
     * @throws IllegalArgumentException if the rate is not positive
     */
    public static RateLimit budgetPerSecond(String name, double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw Checks.invalid(ratePerSecond, "ratePerSecond", "must be positive");
        }
        int perPeriod = (int) Math.max(1, Math.round(ratePerSecond / 10));
        RateLimiterConfig config = RateLimiterConfig.custom().limitRefreshPeriod(Duration.ofMillis(100))
                .limitForPeriod(perPeriod).timeoutDuration(Duration.ZERO).writableStackTraceEnabled(false).build();
        return new RateLimit(RateLimiter.of(name, config), perPeriod);
    }

    /**
     * The limiter settings for a pace: a period short enough to spread permits out (1 ms at least), long enough to
     * hold a whole one; a caller waits as long as it takes.
     */
    public static RateLimiterConfig config(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw Checks.invalid(ratePerSecond, "ratePerSecond", "must be positive");
        }
        long periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (1e9 / ratePerSecond));
        int perPeriod = (int) Math.max(1, Math.round(ratePerSecond * periodNanos / 1e9));
        return RateLimiterConfig.custom().limitRefreshPeriod(Duration.ofNanos(periodNanos)).limitForPeriod(perPeriod)
                .timeoutDuration(Duration.ofDays(1)).writableStackTraceEnabled(false).build();
    }

    /**
     * Takes {@code permits} (at most a period's worth: more are taken as that many) if they are free now, without
     * waiting; for a {@link #budgetPerSecond} limit.
     *
     * @return whether they were taken
     */
    public boolean tryAcquire(int permits) {
        return limiter.acquirePermission(Math.max(1, Math.min(permits, perPeriod)));
    }

    /**
     * Waits for {@code permits}, taken a period's worth at a time (so any count can be asked for).
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public void acquire(int permits) throws InterruptedException {
        for (int left = permits; left > 0; left -= perPeriod) {
            if (!limiter.acquirePermission(Math.min(left, perPeriod)) || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("Interrupted while waiting for " + left + " permits of "
                        + limiter.getName());
            }
        }
    }
}
