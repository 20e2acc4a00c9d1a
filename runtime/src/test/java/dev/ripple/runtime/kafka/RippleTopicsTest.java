package dev.ripple.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.TopicSpec.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RippleTopicsTest {
    private final RippleTopics topics = RippleTopics.of(TopicNames.defaults(), 6).withMaxMessageBytes(2 << 20);

    @Test
    void shouldListEveryTopicOfAnInstallationOnce() {
        List<TopicSpec> all = topics.all(List.of("edits"), List.of("eqiad", "codfw"), List.of("propagator"),
                List.of("purger.eqiad"));

        assertThat(all).extracting(TopicSpec::name).containsExactly("ripple.stream.edits", "ripple.latest.edits",
                "ripple.replicate.eqiad",
                "ripple.purge.eqiad", "ripple.replicate.codfw", "ripple.purge.codfw", "ripple.derived", "ripple.deps",
                "ripple.conit-log",
                "ripple.positions", "ripple.conit-status", "ripple.probe-inconsistencies", "ripple.retry.purger.eqiad", "ripple.refused.intake",
                "ripple.dlq.propagator");
    }

    @Test
    void shouldCoPartitionStreamAndRegionTopicsAndCompactPositionsAndStatus() {
        assertThat(List.of(topics.stream("edits"), topics.replicate("eqiad"), topics.purge("eqiad"), topics.derived(),
                topics.deps()))
                .allSatisfy(spec -> assertThat(spec).returns(6, TopicSpec::partitions)
                        .returns(true, TopicSpec::coPartitioned)
                        .satisfies(s -> assertThat(s.configs()).containsEntry("max.message.bytes", "2097152")));
        assertThat(List.of(topics.positions(), topics.conitStatus(), topics.probeInconsistencies())).allSatisfy(spec -> assertThat(spec)
                .returns(1, TopicSpec::partitions).returns(false, TopicSpec::coPartitioned)
                .satisfies(s -> assertThat(s.configs()).containsEntry("cleanup.policy", "compact")));
        assertThat(topics.latest("edits")).returns(6, TopicSpec::partitions).returns(true, TopicSpec::coPartitioned)
                .satisfies(s -> assertThat(s.configs()).containsEntry("cleanup.policy", "compact")
                        .containsEntry("max.message.bytes", "2097152"));
        assertThat(topics.retry("purger.eqiad").configs()).containsEntry("retention.ms", "604800000");
        assertThat(topics.dlq("intake").kind()).isEqualTo(Kind.DLQ);
        assertThat(topics.refused("intake")).returns(Kind.REFUSED, TopicSpec::kind)
                .satisfies(s -> assertThat(s.configs()).containsEntry("retention.ms", "604800000"));
    }

    @Test
    void shouldUseTheBrokersReplicationUnlessOneIsGiven() {
        assertThat(topics.conitLog().replication()).isEmpty();
        assertThat(topics.withReplicationFactor((short) 3).positions().replication()).contains((short) 3);
    }

    @Test
    void shouldRefuseOutOfRangeValuesNamingThem() {
        assertThatThrownBy(() -> RippleTopics.of(TopicNames.defaults(), 0)).hasMessageContaining("Invalid value 0");
        assertThatThrownBy(() -> topics.withReplicationFactor((short) 0)).hasMessageContaining("replication");
        assertThatThrownBy(() -> topics.withMaxMessageBytes(10)).hasMessageContaining("max.message.bytes");
    }
}
