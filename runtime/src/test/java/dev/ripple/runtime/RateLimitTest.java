package dev.ripple.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    /** Two permits a period, ten periods a "second"; an hour-long period never refills during a test. */
    private final RateLimit budget = RateLimit.budget("test", 2, Duration.ofHours(1));

    @Test
    void shouldChargeALargerChargeInFull() {
        assertThat(budget.tryAcquire(8)).isTrue();

        assertThat(budget.available()).isEqualTo(-6);
        assertThat(budget.available() + 9 * 2).as("what is left of the second's 20").isEqualTo(12);
        assertThat(budget.tryAcquire(1)).as("refused while in debt").isFalse();
    }

    @Test
    void shouldChargeAPerSecondBudgetInFull() {
        RateLimit twentyPerSecond = RateLimit.budgetPerSecond("test", 20);

        assertThat(twentyPerSecond.tryAcquire(8)).isTrue();

        assertThat(twentyPerSecond.available()).as("8 taken from 2 a tenth of a second").isNegative();
    }

    @Test
    void shouldKeepABudgetToItsRateWhenTheRateIsNotAMultipleOfTen() {
        // a second's worth is the rate: 1 at 1/s (not 10), 26 at 25/s (not 30: 3 permits a tenth)
        assertThat(RateLimit.budgetPerSecond("test", 1).tryAcquire(2)).isFalse();
        assertThat(RateLimit.budgetPerSecond("test", 25).tryAcquire(28)).isFalse();
        assertThat(RateLimit.budgetPerSecond("test", 25).tryAcquire(26)).isTrue();

        // and the limiter refills at the rate itself (was 10/s at 1/s, 10/s at 14/s, 30/s at 25/s)
        for (double rate : new double[] {1, 2.5, 14, 25, 500}) {
            assertThat(RateLimit.budgetPerSecond("test", rate).ratePerSecond()).as("refill at %s/s", rate)
                    .isCloseTo(rate, within(1e-6 * rate));
        }
        RateLimit oneASecond = RateLimit.budgetPerSecond("test", 1);
        assertThat(oneASecond.tryAcquire(1)).isTrue();
        assertThat(oneASecond.tryAcquire(1)).as("a second permit within the second").isFalse();
    }

    @Test
    void shouldKeepChargesOfAPeriodWithinItsPermits() {
        assertThat(budget.tryAcquire(1)).isTrue();
        assertThat(budget.tryAcquire(2)).isFalse();
        assertThat(budget.tryAcquire(8)).as("a larger charge needs a whole period free").isFalse();
        assertThat(budget.tryAcquire(1)).isTrue();
        assertThat(budget.tryAcquire(1)).isFalse();
        assertThat(budget.available()).isZero();
    }

    @Test
    void shouldRefuseAChargeLargerThanASecond() {
        assertThat(budget.tryAcquire(21)).isFalse();
        assertThat(budget.available()).isEqualTo(2);
        assertThat(budget.tryAcquire(20)).isTrue();
        assertThat(budget.available()).isEqualTo(-18);
    }
}
