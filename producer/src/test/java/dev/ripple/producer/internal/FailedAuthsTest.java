package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.producer.IntakeLimits;
import dev.ripple.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failed authentications per address: a burst, then one per period; successes do not count. */
class FailedAuthsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FailedAuths failures = new FailedAuths(IntakeLimits.defaults().withFailedAuths(3,
            Duration.ofSeconds(20)), clock);

    @Test
    void shouldLetAnAddressFailItsBurstThenSayWhenItMayTryAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(failures.reserve("10.0.0.1")).isZero();
        }

        assertThat(failures.reserve("10.0.0.1")).isEqualTo(Duration.ofSeconds(20));
        assertThat(failures.reserve("10.0.0.2")).as("another address").isZero();
        clock.advance(Duration.ofSeconds(20));
        assertThat(failures.reserve("10.0.0.1")).isZero();
    }

    @Test
    void shouldNotCountSuccessfulAttempts() {
        for (int i = 0; i < 10; i++) {
            assertThat(failures.reserve("10.0.0.1")).isZero();
            failures.succeeded("10.0.0.1");
        }
    }

    @Test
    void shouldStayBoundedByForgettingAddressesThatHaveRecovered() {
        for (int i = 0; i < FailedAuths.MAX_ADDRESSES; i++) {
            failures.reserve("10.1." + (i / 256) + "." + (i % 256));
        }
        assertThat(failures.tracked()).isEqualTo(FailedAuths.MAX_ADDRESSES);
        clock.advance(Duration.ofMinutes(1));

        assertThat(failures.reserve("10.9.9.9")).isZero();

        assertThat(failures.tracked()).as("the recovered addresses are forgotten").isEqualTo(1);
    }
}
