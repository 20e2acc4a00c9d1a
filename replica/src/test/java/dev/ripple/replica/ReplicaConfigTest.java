package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaConfigTest {

    @Test
    void shouldDefaultToOneGroupPerRegionAndPublishPositionsEvery100Ms() {
        ReplicaConfig config = ReplicaConfig.defaults("eqiad", "localhost:9092");

        assertThat(config.groupId()).isEqualTo("ripple-replica-eqiad");
        assertThat(config.regionTopic()).isEqualTo("ripple.replicate.eqiad");
        assertThat(config.limits().positionPublishInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.partitions()).isEqualTo(6);
    }

    @Test
    void shouldNameTheValueTheSettingAndTheRuleOfAnInvalidSetting() {
        assertThatThrownBy(() -> ReplicaLimits.defaults().withBatch(0, 4096))
                .hasMessage("Invalid value 0 for configuration maxBatchRecords: must be 1 to 10000");
        assertThatThrownBy(() -> ReplicaConfig.defaults("eqiad", "k:9092").withHttpTargets(
                List.of(URI.create("ftp://x")), HttpTargetConfig.defaults()))
                .hasMessageContaining("Invalid value ftp://x for configuration httpTargets");
        assertThatThrownBy(() -> ReplicaConfig.defaults("eqiad", "k:9092")
                .withKafkaOverrides(Map.of("enable.auto.commit", "true")))
                .hasMessageContaining("commits offsets only after the apply is durable");
        assertThatThrownBy(() -> ReplicaConfig.defaults("Not A Region", "k:9092"))
                .hasMessageContaining("Invalid region name 'Not A Region'");
        assertThatThrownBy(() -> ReadApiConfig.defaults().withWaits(Duration.ofSeconds(10), Duration.ofSeconds(5), 1))
                .hasMessageContaining("defaultWait");
        assertThatThrownBy(() -> RedisStoreConfig.defaults("http://localhost:6379"))
                .hasMessageContaining("must start with redis:// or rediss://");
    }
}
