package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the bench groups threads when it says where CPU goes. */
class CpuMeterTest {

    @Test
    void shouldGroupThreadsAlikeButForTheirNumbersAndUuids() {
        assertThat(CpuMeter.group("ripple-http-12")).isEqualTo(CpuMeter.group("ripple-http-3")).isEqualTo(
                "ripple-http-N");
        assertThat(CpuMeter.group("ripple-propagator-5f0c1d2e-8a9b-4c3d-9e8f-0123456789ab-StreamThread-1"))
                .isEqualTo("ripple-propagator-N-StreamThread-N");
        assertThat(CpuMeter.group("kafka-producer-network-thread | ripple-publisher"))
                .isEqualTo("kafka-producer-network-thread | ripple-publisher");
    }
}
