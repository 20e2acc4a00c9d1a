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
    /** A {@link #budgetPerSecond} budget's periods a second when its rate is a multiple of 10. */
    private static final int BUDGET_PERIODS = 10;

    private final RateLimiter limiter;
    private final int perPeriod;
    /** The largest charge a budget takes: a second's worth. */
    private final int secondsWorth;

    private RateLimit(RateLimiter limiter, int perPeriod, int secondsWorth) {
        this.limiter = limiter;
        this.perPeriod = perPeriod;
        this.secondsWorth = secondsWorth;
    }

    /**
     * @param name what is limited, for resilience4j's own events
     * @throws IllegalArgumentException if the rate is not positive
     */
    public static RateLimit perSecond(String name, double ratePerSecond) {
        RateLimiterConfig config = config(ratePerSecond);
        return new RateLimit(RateLimiter.of(name, config), config.getLimitForPeriod(), Integer.MAX_VALUE);
    }

    /**
     * A budget that never makes a caller wait: {@link #tryAcquire} takes permits if the current period has them left,
     * else refuses at once (a prober leaves a sample out rather than fall behind). A period holds a tenth of the
     * rate's permits, rounded down (at least 1), and lasts as long as they take at the rate: a tenth of a second when
     * the rate is a multiple of 10, 50–100 ms otherwise, one permit's time under 10 a second (1 s at 1 a second). So
     * the rate is the one asked for, not rounded to whole permits a tenth. A charge larger than a period's permits is
     * paid in full: what the period lacks is borrowed from the next ones, and nothing is admitted until they have
     * repaid it; a charge larger than a second's worth never fits.
     *
     * @throws IllegalArgumentException if the rate is not positive
     */
    public static RateLimit budgetPerSecond(String name, double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw Checks.invalid(ratePerSecond, "ratePerSecond", "must be positive");
        }
        int perPeriod = (int) Math.max(1, Math.floor(ratePerSecond / BUDGET_PERIODS));
        int periodsPerSecond = (int) Math.max(1, Math.round(ratePerSecond / perPeriod));
        return budget(name, perPeriod, Duration.ofNanos(Math.round(perPeriod * 1e9 / ratePerSecond)),
                periodsPerSecond);
    }

    /**
     * A {@link #budgetPerSecond} budget of {@code perPeriod} permits a {@code period}, ten periods standing for a
     * second, for tests' own periods.
     */
    static RateLimit budget(String name, int perPeriod, Duration period) {
        return budget(name, perPeriod, period, BUDGET_PERIODS);
    }

    private static RateLimit budget(String name, int perPeriod, Duration period, int periodsPerSecond) {
        RateLimiterConfig config = RateLimiterConfig.custom().limitRefreshPeriod(period).limitForPeriod(perPeriod)
                .timeoutDuration(period.multipliedBy(periodsPerSecond)).writableStackTraceEnabled(false).build();
        return new RateLimit(RateLimiter.of(name, config), perPeriod, perPeriod * periodsPerSecond);
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
     * Takes {@code permits} without waiting, for a {@link #budgetPerSecond} budget: if the current period has them
     * free, or has a whole period's worth free and the coming periods (at most a second's worth in all) pay the rest.
     *
     * @return whether they were taken; false at once if they are not free now, or never fit in a second
     */
    public synchronized boolean tryAcquire(int permits) {
        int charge = Math.max(1, permits);
        if (charge > secondsWorth || limiter.getMetrics().getAvailablePermissions() < Math.min(charge, perPeriod)) {
            return false;
        }
        return limiter.reservePermission(charge) >= 0;
    }

    /** The permits a second the limiter hands out: its permits a period over the period's length. */
    double ratePerSecond() {
        RateLimiterConfig config = limiter.getRateLimiterConfig();
        return config.getLimitForPeriod() * 1e9 / config.getLimitRefreshPeriod().toNanos();
    }

    /** The permits free now; negative while a larger charge is being repaid. */
    int available() {
        return limiter.getMetrics().getAvailablePermissions();
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
