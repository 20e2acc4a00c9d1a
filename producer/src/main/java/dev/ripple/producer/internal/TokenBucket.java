package dev.ripple.producer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds up to {@code capacity} tokens, gains {@code perSecond} a second, starts full. Takes all
 * the tokens asked for or none, and says how long until they would be there. Time comes from the clock, so tests
 * advance it instead of sleeping. Thread-safe.
 */
final class TokenBucket {
    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private double tokens;
    private Instant last;

    TokenBucket(double capacity, double perSecond, Clock clock) {
        if (!(capacity >= 1) || !(perSecond > 0)) {
            throw new IllegalArgumentException("A token bucket needs a capacity of at least 1 and a positive rate, "
                    + "was " + capacity + " and " + perSecond);
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = capacity;
        this.last = clock.instant();
    }

    double capacity() {
        return capacity;
    }

    /**
     * Takes {@code n} tokens if there are that many.
     *
     * @return {@link Duration#ZERO} when taken; else how long until {@code n} would be there (nothing is taken);
     *     {@code n} above the capacity never fits, and the answer is then the time to fill the bucket
     */
    synchronized Duration tryTake(double n) {
        refill();
        if (tokens >= n) {
            tokens -= n;
            return Duration.ZERO;
        }
        double missing = Math.min(n, capacity) - tokens;
        return Duration.ofNanos(Math.max(1, (long) Math.ceil(missing / perSecond * 1e9)));
    }

    /** Gives back {@code n} tokens taken earlier (never above the capacity). */
    synchronized void refund(double n) {
        refill();
        tokens = Math.min(capacity, tokens + n);
    }

    /** Whether it is full now: nothing was taken for long enough that forgetting it changes nothing. */
    synchronized boolean full() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            double seconds = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + seconds * perSecond);
            last = now;
        }
    }

    /** {@code wait} in whole seconds, rounded up, at least 1: the value of a {@code Retry-After} header. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
