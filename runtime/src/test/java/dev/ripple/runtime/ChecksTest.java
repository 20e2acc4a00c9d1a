package dev.ripple.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void shouldReturnValuesInRange() {
        assertThat(Checks.range(5, "partitions", 1, 10_000)).isEqualTo(5);
        assertThat(Checks.positive(Duration.ofMillis(1), "timeout")).isEqualTo(Duration.ofMillis(1));
        assertThat(Checks.notNegative(Duration.ZERO, "window")).isEqualTo(Duration.ZERO);
        assertThat(Checks.millis(Duration.ofMillis(20), "commit", 1, 60_000)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void shouldNameValueConfigurationAndRule() {
        assertThatThrownBy(() -> Checks.range(0, "max_in_flight", 1, 100_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value 0 for configuration max_in_flight: must be 1 to 100000");
        assertThatThrownBy(() -> Checks.atLeast(-1, "epoch", 0))
                .hasMessage("Invalid value -1 for configuration epoch: must be at least 0");
        assertThatThrownBy(() -> Checks.millis(Duration.ZERO, "commit", 1, 60_000))
                .hasMessage("Invalid value 0 for configuration commit: must be 1 to 60000 ms");
        assertThatThrownBy(() -> Checks.between(Duration.ofHours(2), "maxWait", Duration.ZERO, Duration.ofMinutes(5)))
                .hasMessage("Invalid value PT2H for configuration maxWait: must be PT0S to PT5M");
        assertThatThrownBy(() -> Checks.range(Double.NaN, "jitter", 0, 1)).hasMessageContaining("NaN");
    }

    @Test
    void shouldRefuseNullDurations() {
        assertThatThrownBy(() -> Checks.positive(null, "timeout")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value null for configuration timeout: must be positive");
        assertThatThrownBy(() -> Checks.millis(null, "linger", 0, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value null for configuration linger: must be 0 to 1000 ms");
    }
}
