package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void shouldAskUntilTheConditionHolds() throws Exception {
        AtomicInteger asked = new AtomicInteger();

        boolean held = Waits.until(() -> asked.incrementAndGet() == 3, Duration.ofMillis(1), Duration.ofMinutes(1),
                Clock.systemUTC());

        assertThat(held).isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldAskOnceEvenWithNoTimeLeftAndSayItDidNotHold() throws Exception {
        AtomicInteger asked = new AtomicInteger();

        boolean held = Waits.until(() -> asked.incrementAndGet() < 0, Duration.ofMillis(1), Duration.ofMillis(-5),
                Clock.systemUTC());

        assertThat(held).isFalse();
        assertThat(asked).hasValue(1);
    }
}
