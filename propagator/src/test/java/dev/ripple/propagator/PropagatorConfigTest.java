package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagatorConfigTest {

    @Test
    void shouldDefaultToSixPartitionsOneStandbyAFiftyMillisecondWatermarkAndCompressedBatches() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092");
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.applicationId()).isEqualTo("ripple-propagator");
        assertThat(config.replicationFactor()).isEqualTo((short) -1);
        assertThat(config.standbyReplicas()).isEqualTo(1);
        assertThat(config.watermarkInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.maxRecordBytes()).isEqualTo(24 << 20);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.compression()).isEqualTo("snappy");
        assertThat(config.batchBytes()).isEqualTo(64 * 1024);
        assertThat(config.streamsSettings()).containsEntry("commit.interval.ms", 100L)
                .containsEntry("producer.compression.type", "snappy").containsEntry("producer.batch.size", 65536)
                .containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(config.delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
    }

    @Test
    void shouldMapAtLeastOnceToStreamsAtLeastOnceWithAProducerThatBarelyLingers() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092").withDelivery(Delivery.of("at-least-once",
                "delivery"));

        assertThat(config.streamsSettings()).containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("producer.linger.ms", 1).containsEntry("commit.interval.ms", 100L);
    }

    @Test
    void shouldReadDeliveryModesByTheirLabelsAndRefuseOthersNamingTheChoices() {
        assertThat(Delivery.of("EXACTLY_ONCE", "delivery")).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(Delivery.of(" at-least-once", "delivery")).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThatThrownBy(() -> Delivery.of("at-most-once", "--delivery")).hasMessage(
                "Invalid value at-most-once for configuration --delivery: must be one of exactly-once, at-least-once");
    }

    @Test
    void shouldRefuseOutOfRangeValuesNamingTheValueAndTheRule() {
        PropagatorConfig config = PropagatorConfig.defaults("k:9092");
        assertThatThrownBy(() -> config.withPartitions(0)).hasMessage(
                "Invalid value 0 for configuration partitions: must be 1 to 10000");
        assertThatThrownBy(() -> config.withReplication((short) 0, 0)).hasMessageContaining(
                "Invalid value 0 for configuration replicationFactor");
        assertThatThrownBy(() -> config.withApplicationId("has space")).hasMessageContaining(
                "Invalid value has space for configuration applicationId");
        assertThatThrownBy(() -> config.withWatermarkInterval(Duration.ZERO)).hasMessageContaining(
                "for configuration watermarkInterval: must be 1 ms to 10 s");
        assertThatThrownBy(() -> config.withCommitInterval(Duration.ofMinutes(2))).hasMessage(
                "Invalid value PT2M for configuration commitInterval: must be 1 ms to 60 s");
        assertThatThrownBy(() -> config.withProducerBatching("brotli", 65536)).hasMessage(
                "Invalid value brotli for configuration compression: must be one of none, gzip, snappy, lz4, zstd");
        assertThatThrownBy(() -> config.withProducerBatching("lz4", 100)).hasMessage(
                "Invalid value 100 for configuration batchBytes: must be 1 KiB to 4 MiB");
    }

    @Test
    void shouldRefuseOverridesThatWouldChangeTheProcessingGuarantee() {
        assertThatThrownBy(() -> PropagatorConfig.defaults("k:9092").withKafkaOverrides(Map.of(
                "processing.guarantee", "at_least_once"))).hasMessageContaining("delivery mode");
    }
}
