package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ProducerDoc;
import dev.ripple.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates with a burst: a batch fits now, later (and when), or never. */
class RateLimitsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final RateLimits limits = new RateLimits(clock);
    private final ProducerDoc producer = ProducerDoc.withToken("wiki", "wiki.a-long-secret-for-wiki", List.of("*"));

    @Test
    void shouldHonourAFractionalRateInsteadOfRoundingItUp() {
        ProducerDoc halfPerSecond = producer.withRate(0.5, null);

        assertThat(limits.tryAcquire(halfPerSecond, 1)).isInstanceOf(RateLimits.Verdict.Admitted.class);
        RateLimits.Verdict next = limits.tryAcquire(halfPerSecond, 1);

        assertThat(next).isInstanceOfSatisfying(RateLimits.Verdict.Wait.class,
                w -> assertThat(w.retryIn()).isEqualTo(Duration.ofSeconds(2)));
        clock.advance(Duration.ofMillis(1999));
        assertThat(limits.tryAcquire(halfPerSecond, 1)).isInstanceOf(RateLimits.Verdict.Wait.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(limits.tryAcquire(halfPerSecond, 1)).isInstanceOf(RateLimits.Verdict.Admitted.class);
    }

    @Test
    void shouldLetABatchUpToTheBurstPassAndSayWhenTheNextOneFits() {
        ProducerDoc bursty = producer.withRate(10.0, 100);

        assertThat(limits.tryAcquire(bursty, 100)).isInstanceOf(RateLimits.Verdict.Admitted.class);
        assertThat(limits.tryAcquire(bursty, 30)).isInstanceOfSatisfying(RateLimits.Verdict.Wait.class,
                w -> assertThat(w.retryIn()).isEqualTo(Duration.ofSeconds(3)));
        clock.advance(Duration.ofSeconds(3));
        assertThat(limits.tryAcquire(bursty, 30)).isInstanceOf(RateLimits.Verdict.Admitted.class);
    }

    @Test
    void shouldSayABatchLargerThanTheBurstNeverFitsAndTakeNothing() {
        ProducerDoc small = producer.withRate(5.0, null);

        assertThat(limits.tryAcquire(small, 6)).isInstanceOfSatisfying(RateLimits.Verdict.NeverFits.class,
                n -> assertThat(n.burst()).isEqualTo(5));
        assertThat(limits.tryAcquire(small, 5)).isInstanceOf(RateLimits.Verdict.Admitted.class);
    }

    @Test
    void shouldRoundRetryAfterUpToWholeSeconds() {
        assertThat(TokenBucket.retryAfterSeconds(Duration.ofMillis(200))).isEqualTo(1);
        assertThat(TokenBucket.retryAfterSeconds(Duration.ofMillis(2001))).isEqualTo(3);
        assertThat(TokenBucket.retryAfterSeconds(Duration.ofSeconds(4))).isEqualTo(4);
    }
}
