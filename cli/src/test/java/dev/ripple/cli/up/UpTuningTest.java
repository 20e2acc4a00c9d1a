package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.propagator.Delivery;
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
    void shouldDeliverExactlyOnceUnlessThePropertyOrTheCallerChoosesAtLeastOnce() {
        Properties properties = new Properties();
        properties.setProperty(UpTuning.DELIVERY, "at-least-once");

        assertThat(UpTuning.defaults().delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(UpTuning.defaults().overriddenBy(properties).delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        properties.setProperty(UpTuning.DELIVERY, "twice");
        assertThatThrownBy(() -> UpTuning.defaults().overriddenBy(properties))
                .hasMessageContaining("Invalid value twice for configuration " + UpTuning.DELIVERY);
    }

    @Test
    void shouldCommitEvery5MillisecondsUnderExactlyOnceAnd100UnderAtLeastOnceUnlessThePropertySaysOtherwise() {
        Properties atLeastOnce = new Properties();
        atLeastOnce.setProperty(UpTuning.DELIVERY, "at-least-once");
        Properties both = new Properties();
        both.putAll(atLeastOnce);
        both.setProperty(UpTuning.COMMIT_INTERVAL, "30");

        assertThat(UpTuning.defaults().propagatorCommitInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(UpTuning.defaults(Delivery.AT_LEAST_ONCE).propagatorCommitInterval())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(UpTuning.defaults().overriddenBy(atLeastOnce).propagatorCommitInterval())
                .isEqualTo(Duration.ofMillis(100));
        assertThat(UpTuning.defaults().overriddenBy(both).propagatorCommitInterval()).isEqualTo(Duration.ofMillis(30));
        assertThat(UpTuning.fromSystemProperties(Delivery.AT_LEAST_ONCE).delivery())
                .isEqualTo(Delivery.AT_LEAST_ONCE);
    }

    @Test
    void shouldNotLetTheIntakeLingerInEitherModeUnlessThePropertySaysSoEvenWhenItAlsoChangesTheMode() {
        Properties linger = new Properties();
        linger.setProperty(UpTuning.INTAKE_LINGER, "3");
        Properties both = new Properties();
        both.putAll(linger);
        both.setProperty(UpTuning.DELIVERY, "at-least-once");

        assertThat(UpTuning.defaults().intakeOverrides()).containsEntry("linger.ms", "0");
        assertThat(UpTuning.defaults(Delivery.AT_LEAST_ONCE).intakeLinger()).isZero();
        assertThat(UpTuning.defaults().overriddenBy(linger).intakeLinger()).isEqualTo(Duration.ofMillis(3));
        assertThat(UpTuning.defaults().overriddenBy(both).intakeLinger()).isEqualTo(Duration.ofMillis(3));
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
