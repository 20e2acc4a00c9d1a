package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.propagator.Delivery;
import dev.ripple.propagator.PropagatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {
    private static final Path STATE = Path.of("/var/lib/ripple/state");

    @Test
    void shouldKeepAStandbyOfEveryTaskAndLeaveAKilledInstanceAfterSixSeconds() {
        Properties props = StreamsProperties.of(PropagatorConfig.defaults("k:9092"), STATE);

        assertThat(props).containsEntry("num.standby.replicas", 1).containsEntry("session.timeout.ms", 6_000)
                .containsEntry("heartbeat.interval.ms", 1_500).containsEntry("processing.guarantee",
                        "exactly_once_v2");
    }

    @Test
    void shouldLetTheOperatorChooseNoStandbysAndALongerSession() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092").withReplication((short) -1, 0)
                .withKafkaOverrides(Map.of("session.timeout.ms", "45000"));

        Properties props = StreamsProperties.of(config, STATE);

        assertThat(props).containsEntry("num.standby.replicas", 0).containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void shouldPollForTheLongerOfTheCommitAndWatermarkIntervalsAtMostStreamsDefault() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092"); // watermarks every 50 ms

        assertThat(StreamsProperties.of(config, STATE)).containsEntry("poll.ms", 100L);
        assertThat(StreamsProperties.of(config.withKafkaOverrides(Map.of("commit.interval.ms", "10")), STATE))
                .containsEntry("poll.ms", 50L);
        assertThat(StreamsProperties.of(config.withCommitInterval(Duration.ofMillis(2))
                .withWatermarkInterval(Duration.ofMillis(5)), STATE)).containsEntry("poll.ms", 5L);
        assertThat(StreamsProperties.of(config.withCommitInterval(Duration.ofSeconds(30)), STATE))
                .containsEntry("poll.ms", 100L);
    }

    @Test
    void shouldSendExactlyOnceOutputsWithinAQuarterOfTheCommitIntervalUnlessTheOperatorSaysOtherwise() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092");

        assertThat(StreamsProperties.of(config, STATE)).containsEntry("producer.linger.ms", 25L);
        assertThat(StreamsProperties.of(config.withKafkaOverrides(Map.of("commit.interval.ms", "10")), STATE))
                .containsEntry("producer.linger.ms", 2L);
        assertThat(StreamsProperties.of(config.withCommitInterval(Duration.ofMillis(2)), STATE))
                .containsEntry("producer.linger.ms", 1L);
        assertThat(StreamsProperties.of(config.withCommitInterval(Duration.ofSeconds(60)), STATE))
                .containsEntry("producer.linger.ms", 100L);
        assertThat(StreamsProperties.of(config.withKafkaOverrides(Map.of("producer.linger.ms", "7")), STATE))
                .containsEntry("producer.linger.ms", "7");
        assertThat(StreamsProperties.of(config.withDelivery(Delivery.AT_LEAST_ONCE), STATE))
                .containsEntry("producer.linger.ms", 1);
    }

    @Test
    void shouldRefuseACommitIntervalThatIsNotAWholeNumberOfMillisecondsNamingTheProperty() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092");

        assertThatThrownBy(() -> StreamsProperties.of(config.withKafkaOverrides(Map.of("commit.interval.ms",
                "soon")), STATE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value soon for configuration commit.interval.ms: must be a whole number of "
                        + "milliseconds");
        assertThatThrownBy(() -> StreamsProperties.of(config.withKafkaOverrides(Map.of("commit.interval.ms",
                "-5")), STATE)).hasMessageContaining("Invalid value -5 for configuration commit.interval.ms");
    }

    @Test
    void shouldLetTheOperatorChooseThePoll() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092")
                .withKafkaOverrides(Map.of("commit.interval.ms", "20", "poll.ms", "250"));

        assertThat(StreamsProperties.of(config, STATE)).containsEntry("poll.ms", "250");
    }
}
