package dev.ripple.producer.internal;

import dev.ripple.config.ProducerDoc;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-producer event rates (resilience4j {@link RateLimiter}, one permit an event, refreshed every second,
 * never waiting). A producer whose configured rate changes gets a new limiter. Thread-safe.
 */
final class RateLimits {
    private record Limiter(double rate, RateLimiter limiter) {}

    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    /** Whether {@code events} more events fit the producer's rate now; a producer without a rate always fits. */
    boolean tryAcquire(ProducerDoc producer, int events) {
        if (producer.ratePerSecond() == null) {
            return true;
        }
        double rate = producer.ratePerSecond();
        Limiter current = limiters.compute(producer.id(), (id, old) -> old != null && old.rate() == rate ? old
                : new Limiter(rate, RateLimiter.of("producer-" + id, RateLimiterConfig.custom()
                        .limitForPeriod((int) Math.max(1, Math.ceil(rate)))
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build())));
        return events <= current.limiter().getRateLimiterConfig().getLimitForPeriod()
                && current.limiter().acquirePermission(events);
    }
}
