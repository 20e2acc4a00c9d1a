package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UpTuningTest {

    @Test
    void shouldTakeEachSettingFromItsPropertyAndKeepTheDefaultOfTheOthers() {
        Properties properties = new Properties();
        properties.setProperty(UpTuning.COMMIT_INTERVAL, "100");

        UpTuning tuning = UpTuning.defaults().overriddenBy(properties);

        assertThat(tuning.propagatorCommitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(tuning.consumerFetchMaxWait()).isEqualTo(UpTuning.defaults().consumerFetchMaxWait());
        assertThat(tuning.propagatorOverrides()).containsEntry("commit.interval.ms", "100");
    }

    @Test
    void shouldRefuseAValueThatIsNotAWholeNumberOrOutOfRangeNamingTheProperty() {
        Properties words = new Properties();
        words.setProperty(UpTuning.FETCH_MAX_WAIT, "soon");
        Properties zero = new Properties();
        zero.setProperty(UpTuning.COMMIT_INTERVAL, "0");

        assertThatThrownBy(() -> UpTuning.defaults().overriddenBy(words))
                .hasMessageContaining("Invalid value soon for configuration " + UpTuning.FETCH_MAX_WAIT);
        assertThatThrownBy(() -> UpTuning.defaults().overriddenBy(zero))
                .hasMessageContaining("Invalid value 0 for configuration " + UpTuning.COMMIT_INTERVAL);
    }
}
