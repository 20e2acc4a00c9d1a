package dev.ripple.producer.internal;

import dev.ripple.config.ProducerDoc;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-producer event rates: a {@link TokenBucket} per producer of {@code burst} events, refilled at
 * {@code rate_per_second} (fractions honoured), one token an event. A batch takes all its tokens or none. A producer
 * whose rate or burst changes gets a new, full bucket. Thread-safe.
 */
final class RateLimits {
    /** What a producer's batch may do now. */
    sealed interface Verdict {
        /** The batch fits; its tokens are taken. */
        record Admitted() implements Verdict {}

        /** The batch fits after {@code retryIn}; nothing is taken. */
        record Wait(Duration retryIn, double ratePerSecond, int burst) implements Verdict {}

        /** The batch is larger than the burst, so it can never pass as one batch. */
        record NeverFits(double ratePerSecond, int burst) implements Verdict {}
    }

    private static final Verdict ADMITTED = new Verdict.Admitted();

    private record Limiter(double rate, int burst, TokenBucket bucket) {}

    private final Clock clock;
    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** Takes {@code events} tokens of the producer's bucket if it holds them; a producer without a rate always fits. */
    Verdict tryAcquire(ProducerDoc producer, int events) {
        if (producer.ratePerSecond() == null) {
            return ADMITTED;
        }
        double rate = producer.ratePerSecond();
        int burst = producer.effectiveBurst();
        if (events > burst) {
            return new Verdict.NeverFits(rate, burst);
        }
        Limiter limiter = limiters.compute(producer.id(), (id, old) -> old != null && old.rate() == rate
                && old.burst() == burst ? old : new Limiter(rate, burst, new TokenBucket(burst, rate, clock)));
        Duration wait = limiter.bucket().tryTake(events);
        return wait.isZero() ? ADMITTED : new Verdict.Wait(wait, rate, burst);
    }
}
