package dev.ripple.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    private static final KafkaSettings TLS = KafkaSettings.of("broker:9093", Map.of("security.protocol", "SSL",
            "ssl.truststore.location", "/etc/ripple/truststore.jks", "isolation.level", "read_uncommitted",
            "linger.ms", 20), "ripple-replica-eqiad");

    @Test
    void shouldGiveTheOperatorsSecurityPropertiesToEveryKindOfClient() {
        // when the part builds each kind of client
        List<Map<String, Object>> configs = List.of(
                KafkaClients.producerConfig(TLS, "out", Map.of()),
                KafkaClients.idempotentProducerConfig(TLS, "positions", Map.of()),
                KafkaClients.transactionalProducerConfig(TLS, "tx", "ripple-tx-1", Map.of()),
                KafkaClients.consumerConfig(TLS, null, "ripple-replica-eqiad", Map.of()),
                KafkaClients.adminConfig(TLS),
                propertiesOf(KafkaClients.streams(TLS, "ripple-propagator", Map.of())));

        // then TLS and the brokers reach every one
        assertThat(configs).allSatisfy(config -> assertThat(config)
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/ripple/truststore.jks"));
    }

    @Test
    void shouldNameEveryClientAfterThePartAndItsRole() {
        assertThat(KafkaClients.consumerConfig(TLS, null, "g", Map.of())).containsEntry("client.id",
                "ripple-replica-eqiad");
        assertThat(KafkaClients.idempotentProducerConfig(TLS, "positions", Map.of())).containsEntry("client.id",
                "ripple-replica-eqiad-positions");
        assertThat(KafkaClients.adminConfig(TLS)).containsEntry("client.id", "ripple-replica-eqiad-admin");
    }

    @Test
    void shouldPrefixEveryClientIdWithTheOperatorsClientIdWhenOneIsGiven() {
        KafkaSettings quota = KafkaSettings.of("b:9092", Map.of("client.id", "team-a"), "ripple-purger-eqiad");

        assertThat(KafkaClients.producerConfig(quota, "out", Map.of())).containsEntry("client.id", "team-a-out");
        assertThat(KafkaClients.consumerConfig(quota, null, "g", Map.of())).containsEntry("client.id", "team-a");
        assertThat(KafkaClients.adminConfig(quota)).containsEntry("client.id", "team-a-admin");
    }

    @Test
    void shouldKeepConsumerPropertiesOutOfProducersAndAdmins() {
        assertThat(KafkaClients.producerConfig(TLS, "out", Map.of())).doesNotContainKey("isolation.level");
        assertThat(KafkaClients.adminConfig(TLS)).doesNotContainKeys("isolation.level", "linger.ms");
        assertThat(KafkaClients.consumerConfig(TLS, null, "g", Map.of())).doesNotContainKey("linger.ms")
                .containsEntry("isolation.level", "read_uncommitted");
    }

    @Test
    void shouldLetTheOperatorTuneWhatThePartChoseButNotWhatTheKindFixes() {
        Map<String, Object> producer = KafkaClients.idempotentProducerConfig(KafkaSettings.of("b:9092",
                Map.of("linger.ms", 20, "enable.idempotence", false, "acks", "1"), "p"), null,
                Map.of("linger.ms", 5));

        assertThat(producer).containsEntry("linger.ms", 20).containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all");
    }

    @Test
    void shouldCommitOnlyWhenAskedAndReadCommittedFromTheEarliestWithoutCreatingTopicsByDefault() {
        Map<String, Object> consumer = KafkaClients.consumerConfig(KafkaSettings.of("b:9092",
                Map.of("enable.auto.commit", true, "group.id", "other"), "c"), null, "ripple-purger-eqiad",
                Map.of("max.poll.records", 100));

        assertThat(consumer).containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "ripple-purger-eqiad").containsEntry("isolation.level", "read_committed")
                .containsEntry("auto.offset.reset", "earliest").containsEntry("max.poll.records", 100)
                .containsEntry("allow.auto.create.topics", false);
        assertThat(KafkaClients.consumerConfig(TLS, null, null, Map.of())).doesNotContainKey("group.id")
                .containsEntry("allow.auto.create.topics", false);
        // an operator who wants the broker's auto-creation back may have it, as with any property the part chose
        assertThat(KafkaClients.consumerConfig(KafkaSettings.of("b:9092", Map.of("allow.auto.create.topics", true),
                "c"), null, null, Map.of())).containsEntry("allow.auto.create.topics", true);
    }

    @Test
    void shouldFixTheApplicationIdOfStreams() {
        var props = KafkaClients.streams(KafkaSettings.of("b:9092", Map.of("commit.interval.ms", 50), "ripple-x"),
                "ripple-propagator", Map.of("commit.interval.ms", 100, "num.stream.threads", 2));

        assertThat(props).containsEntry("application.id", "ripple-propagator").containsEntry("commit.interval.ms", 50)
                .containsEntry("num.stream.threads", 2);
    }

    @Test
    void shouldGiveEveryGroupConsumerAndStreamsASixSecondSessionAndCooperativeRebalancing() {
        Map<String, Object> consumer = KafkaClients.consumerConfig(TLS, null, "ripple-replica-eqiad", Map.of());
        Map<String, Object> streams = propertiesOf(KafkaClients.streams(TLS, "ripple-propagator", Map.of()));

        assertThat(consumer).containsEntry("session.timeout.ms", 6_000).containsEntry("heartbeat.interval.ms", 1_500)
                .containsEntry("partition.assignment.strategy",
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        // Streams fixes its own assignor (cooperative); only the session and heartbeat are Ripple's
        assertThat(streams).containsEntry("session.timeout.ms", 6_000).containsEntry("heartbeat.interval.ms", 1_500)
                .doesNotContainKey("partition.assignment.strategy");
        assertThat(KafkaClients.consumerConfig(TLS, null, null, Map.of()))
                .doesNotContainKeys("session.timeout.ms", "partition.assignment.strategy");
    }

    @Test
    void shouldLetTheOperatorsGroupSettingsWinOverTheFailoverDefaults() {
        KafkaSettings slow = KafkaSettings.of("b:9092", Map.of("session.timeout.ms", "45000",
                "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor"), "p");

        assertThat(KafkaClients.consumerConfig(slow, null, "g", Map.of())).containsEntry("session.timeout.ms", "45000")
                .containsEntry("heartbeat.interval.ms", 1_500)
                .containsEntry("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
        assertThat(propertiesOf(KafkaClients.streams(slow, "ripple-propagator", Map.of())))
                .containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void shouldLeaveTheClassicGroupSettingsOutUnderTheConsumerGroupProtocolWhichRefusesThem() {
        KafkaSettings kip848 = KafkaSettings.of("127.0.0.1:9", Map.of("group.protocol", "CONSUMER"), "p");

        Map<String, Object> consumer = KafkaClients.consumerConfig(kip848, null, "g", Map.of());

        assertThat(consumer).containsEntry("group.protocol", "CONSUMER")
                .doesNotContainKeys("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy");
        assertThatCode(() -> KafkaClients.consumer(kip848, null, "g", Map.of(), new StringDeserializer(),
                new StringDeserializer()).close()).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseBlankBrokersAndNullValuesNamingTheConfiguration() {
        assertThatThrownBy(() -> KafkaSettings.of(" ", Map.of(), "p")).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> KafkaSettings.of("b:9092", Map.of(), "has space"))
                .hasMessageContaining("client.id");
        assertThatThrownBy(() -> KafkaSettings.fromProperties(Map.of("acks", "all"), "p"))
                .hasMessageContaining("bootstrap.servers");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("sasl.jaas.config", null);
        assertThatThrownBy(() -> KafkaSettings.of("b:9092", withNull, "p"))
                .hasMessageContaining("Invalid value null for configuration sasl.jaas.config");
    }

    private static Map<String, Object> propertiesOf(Properties props) {
        Map<String, Object> map = new HashMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }
}
