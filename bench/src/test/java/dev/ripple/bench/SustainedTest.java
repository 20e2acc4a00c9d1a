package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rate schedule and the verdict of {@code e2e --sustained}. */
class SustainedTest {
    private static Sustained plan(int start, double factor, int steps) {
        return new Sustained(start, factor, Duration.ofSeconds(10), steps, Duration.ofSeconds(20), 100, 4);
    }

    @Test
    void shouldMultiplyTheRateByTheFactorEachStepFromTheStartRate() {
        Sustained plan = plan(500, 1.25, 16);

        assertThat(IntStream.range(0, 5).map(plan::rate)).containsExactly(500, 625, 781, 977, 1221);
        assertThat(plan.rate(15)).isEqualTo(14_211); // 500 × 1.25^15: the defaults reach past 10,000 events/s
        assertThatThrownBy(() -> plan.rate(16)).isInstanceOf(IllegalArgumentException.class);
        assertThat(plan(1000, 2, 3).rate(2)).isEqualTo(4000);
    }

    @Test
    void shouldPassAStepOnlyWhenAtLeast9999In10000EventsAreDoneWithinTheSecond() {
        assertThat(Sustained.passes(10_000, 10_000)).isTrue();
        assertThat(Sustained.passes(10_000, 9_999)).isTrue();
        assertThat(Sustained.passes(10_000, 9_998)).isFalse();
        assertThat(Sustained.passes(5_000, 4_999)).as("99.98%").isFalse();
        assertThat(Sustained.passes(20_000, 19_998)).isTrue();
        assertThat(Sustained.passes(20_000, 19_997)).isFalse();
        assertThat(Sustained.passes(0, 0)).as("a step with no events proves nothing").isFalse();
    }

    @Test
    void shouldPublishTheRateTimesTheLengthAndRefuseAScheduleThatCannotStep() {
        assertThat(Sustained.events(625, Duration.ofSeconds(10))).isEqualTo(6_250);
        assertThat(Sustained.events(3, Duration.ofMillis(100))).isEqualTo(1);
        assertThatThrownBy(() -> plan(500, 1.0, 16)).hasMessageContaining("--step");
        assertThatThrownBy(() -> plan(0, 1.25, 16)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> new Sustained(500, 1.25, Duration.ZERO, 3, Duration.ofSeconds(1), 100, 4))
                .hasMessageContaining("--step-s");
    }
}
