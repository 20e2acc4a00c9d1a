package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {
    private final DashboardConfig defaults = DashboardConfig.defaults();

    @Test
    void shouldReadAWindowInSecondsMinutesOrHoursAndTheDefaultForNone() {
        assertThat(defaults.window("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(defaults.window("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.window("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.window(null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.choices()).extracting(DashboardConfig::format).containsExactly("1m", "5m", "15m", "1h");
    }

    @Test
    void shouldRefuseAWindowLongerThanTheHistoryOrUnreadableNamingTheChoices() {
        for (String bad : new String[] {"2h", "1s", "5 minutes", "-1m", "0m"}) {
            assertThatThrownBy(() -> defaults.window(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Invalid value '" + bad + "' for window")
                    .hasMessageContaining("(1m, 5m, 15m, 1h), from 5s (the sample interval) to 1h (the history kept)");
        }
    }

    @Test
    void shouldOfferOnlyTheWindowsItKeeps() {
        DashboardConfig short_ = DashboardConfig.of(Duration.ofSeconds(2), Duration.ofMinutes(3));

        assertThat(short_.choices()).extracting(DashboardConfig::format).containsExactly("1m", "3m");
        assertThat(short_.capacity()).isEqualTo(91);
        assertThatThrownBy(() -> short_.withDefaultWindow("5m")).hasMessageContaining("Invalid value '5m' for window");
    }

    @Test
    void shouldRefuseARetentionShorterThanTheIntervalOrPartSeconds() {
        assertThatThrownBy(() -> DashboardConfig.of(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessage("Invalid value 5s for retention: must be from the sample interval (10s) to 100000 samples");
        assertThatThrownBy(() -> DashboardConfig.of(Duration.ofMillis(1500), Duration.ofMinutes(5)))
                .hasMessageContaining("for sampleInterval: must be a positive whole number of seconds");
    }
}
