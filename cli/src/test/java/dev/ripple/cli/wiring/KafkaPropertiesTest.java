package dev.ripple.cli.wiring;

import dev.ripple.runtime.kafka.KafkaSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.SessionKeys;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.ReplicaService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kafka properties of a process's context reach the config of every part, through the services' own
 * {@code withKafkaOverrides(...)}, whichever part it is and whatever else the command changes.
 */
class KafkaPropertiesTest {
    private static final Map<String, String> SASL = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism",
            "SCRAM-SHA-512");
    private static final PartContext CONTEXT = PartContext.of(KafkaSettings.of("k1:9093", SASL, KafkaSettings.UNNAMED), Clock.systemUTC())
            .withTopics(new TopicNames("prod")).withTokens(SessionTokenCodec.of(SessionKeys.random("test")))
            .withRedis("redis://cache:6379");

    @Test
    void shouldGiveTheContextsKafkaPropertiesToEveryPart() {
        assertThat(IntakePart.publisher(CONTEXT).kafkaOverrides()).containsAllEntriesOf(SASL);
        assertThat(PropagatorPart.config(CONTEXT.kafka(), CONTEXT.topics(), c -> c.withPartitions(12))
                .kafkaOverrides()).containsAllEntriesOf(SASL);
        assertThat(ReplicaPart.options(CONTEXT, List.of(new ReplicaService.Region("eqiad", "redis://r:6379",
                List.of())), o -> o.withPartitions(12)).kafkaOverrides()).containsAllEntriesOf(SASL);
        assertThat(PurgerPart.config(CONTEXT, "eqiad", c -> c.withGroupId("g")).kafkaOverrides())
                .containsAllEntriesOf(SASL);
        assertThat(ConitTrackerPart.config(CONTEXT).kafkaOverrides()).containsAllEntriesOf(SASL);
        assertThat(MonitorPart.config(CONTEXT, c -> c).clientSettings()).containsAllEntriesOf(SASL);
    }

    @Test
    void shouldBuildEveryPartOnTheContextsServersAndTopics() {
        assertThat(IntakePart.publisher(CONTEXT).bootstrapServers()).isEqualTo("k1:9093");
        assertThat(PropagatorPart.config(CONTEXT.kafka(), CONTEXT.topics(), c -> c).topics().prefix())
                .isEqualTo("prod");
        assertThat(PurgerPart.config(CONTEXT, "eqiad", c -> c).topics().purge("eqiad")).isEqualTo("prod.purge.eqiad");
        assertThat(PurgerPart.config(CONTEXT, "eqiad", c -> c).defaultRedisUri()).hasToString("redis://cache:6379");
        assertThat(ConitTrackerPart.config(CONTEXT).bootstrapServers()).isEqualTo("k1:9093");
        assertThat(MonitorPart.config(CONTEXT, c -> c).topics().prefix()).isEqualTo("prod");
    }

    @Test
    void shouldLetTheOperatorsPropertiesWinOverATuningDefault() {
        KafkaSettings tuned = CONTEXT.kafka().withDefaults(Map.of("fetch.max.wait.ms", "50", "security.protocol",
                "PLAINTEXT"));

        assertThat(tuned.properties()).containsEntry("fetch.max.wait.ms", "50")
                .containsEntry("security.protocol", "SASL_SSL");
    }
}
