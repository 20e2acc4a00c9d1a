package dev.ripple.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
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

        long start = System.nanoTime();
        RateLimit oneASecond = RateLimit.budgetPerSecond("test", 1);
        assertThat(oneASecond.tryAcquire(1)).isTrue();
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // three tenths of a second, well before the next
        boolean again = oneASecond.tryAcquire(1);
        assumeTrue(System.nanoTime() - start < Duration.ofMillis(900).toNanos(), "the machine stalled for a second");
        assertThat(again).as("a second permit within the second").isFalse();
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
