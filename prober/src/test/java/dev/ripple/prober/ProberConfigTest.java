package dev.ripple.prober;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.runtime.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProberConfigTest {
    private final ProberConfig defaults = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9092"));

    @Test
    void shouldSampleOnePercentOnTheDefaultLadderAndReadRegionsWhereTold() {
        assertThat(defaults.sampleRatio()).isEqualTo(0.01);
        assertThat(defaults.ladder()).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60));
        ProberConfig read = defaults.withReadApis(Map.of("eqiad", URI.create("http://127.0.0.1:8082")),
                URI.create("http://127.0.0.1:9000"));
        assertThat(read.readApi("eqiad")).contains(URI.create("http://127.0.0.1:8082"));
        assertThat(read.readApi("codfw")).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(defaults.readApi("codfw")).isEmpty();
    }

    @Test
    void shouldKeepRecordFromOnTheLadder() {
        assertThat(defaults.withLadder(List.of(Duration.ofMillis(500), Duration.ofSeconds(5))).recordFrom())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> defaults.withRecordFrom(Duration.ofSeconds(2)))
                .hasMessageContaining("record-from").hasMessageContaining("must be one of the ladder");
    }

    @Test
    void shouldRefuseEveryBadValueNamingIt() {
        assertThatThrownBy(() -> defaults.withSampleRatio(0)).hasMessageContaining("sample ratio");
        assertThatThrownBy(() -> defaults.withSampleRatio(1.5)).hasMessageContaining("sample ratio");
        assertThatThrownBy(() -> defaults.withSampleRatio(Double.NaN)).hasMessageContaining("sample ratio");
        assertThatThrownBy(() -> defaults.withLadder(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1))))
                .hasMessageContaining("must increase");
        assertThatThrownBy(() -> defaults.withLadder(List.of())).hasMessageContaining("ladder");
        assertThatThrownBy(() -> defaults.withLadder(List.of(Duration.ofMillis(1)))).hasMessageContaining("ladder");
        assertThatThrownBy(() -> defaults.withWindow(Duration.ofSeconds(1))).hasMessageContaining("window");
        assertThatThrownBy(() -> defaults.withLimits(0, 10, 10, Duration.ofSeconds(1)))
                .hasMessageContaining("max checks per second");
        assertThatThrownBy(() -> defaults.withLimits(10, 0, 10, Duration.ofSeconds(1)))
                .hasMessageContaining("max pending");
        assertThatThrownBy(() -> defaults.withLimits(10, 10, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("max looks in flight");
        assertThatThrownBy(() -> defaults.withReadApis(Map.of("eqiad", URI.create("file:///etc/passwd")), null))
                .hasMessageContaining("read API of eqiad");
        assertThatThrownBy(() -> defaults.withReadApis(Map.of(), URI.create("javascript:alert(1)")))
                .hasMessageContaining("read API");
    }
}
