package dev.ripple.prober;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long the write follower lets writes gather between fetches: well within the ladder's first delay. */
class ProberGatherTest {
    private final ProberConfig defaults = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9092"));

    @Test
    void shouldGatherForAFifthOfTheFirstDelay() {
        assertThat(Prober.gatherWait(defaults)).isEqualTo(Duration.ofMillis(20));
        assertThat(Prober.gatherWait(defaults.withLadder(List.of(Duration.ofMillis(10), Duration.ofSeconds(1)))))
                .isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void shouldGatherAtMostATenthOfASecondWhateverTheFirstDelay() {
        assertThat(Prober.gatherWait(defaults.withLadder(List.of(Duration.ofMinutes(10), Duration.ofHours(1)))))
                .isEqualTo(Duration.ofMillis(100));
    }
}
