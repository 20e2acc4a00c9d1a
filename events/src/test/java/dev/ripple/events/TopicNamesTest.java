package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {
    private final TopicNames topics = TopicNames.defaults();

    @Test
    void shouldDeriveTheTopicsOfTheDesignDocument() {
        assertThat(topics.stream("edits")).isEqualTo("ripple.stream.edits");
        assertThat(topics.replicate("eqiad")).isEqualTo("ripple.replicate.eqiad");
        assertThat(topics.purge("esams")).isEqualTo("ripple.purge.esams");
        assertThat(topics.latest("edits")).isEqualTo("ripple.latest.edits");
        assertThat(topics.conitLog()).isEqualTo("ripple.conit-log");
        assertThat(topics.positions()).isEqualTo("ripple.positions");
        assertThat(topics.conitStatus()).isEqualTo("ripple.conit-status");
        assertThat(topics.dlq(TopicNames.INTAKE)).isEqualTo("ripple.dlq.intake");
        assertThat(topics.dlq("purger.eqiad")).isEqualTo("ripple.dlq.purger.eqiad");
        assertThat(topics.refused(TopicNames.INTAKE)).isEqualTo("ripple.refused.intake");
        assertThat(topics.retry("replica.codfw")).isEqualTo("ripple.retry.replica.codfw");
    }

    @Test
    void shouldFindTheStreamOfASourceTopicOnly() {
        assertThat(topics.streamOf("ripple.stream.edits")).contains("edits");
        assertThat(topics.streamOf("ripple.replicate.eqiad")).isEmpty();
        assertThat(topics.streamOf("ripple.latest.edits")).isEmpty();
        assertThat(new TopicNames("staging").streamOf("ripple.stream.edits")).isEmpty();
    }

    @Test
    void shouldRefuseNamesThatWouldMakeAmbiguousOrIllegalTopics() {
        assertThatThrownBy(() -> topics.stream("a.b")).hasMessageContaining("Invalid stream name 'a.b'");
        assertThatThrownBy(() -> topics.replicate("EQIAD")).hasMessageContaining("Invalid region name 'EQIAD'");
        assertThatThrownBy(() -> topics.stream("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicNames("has space")).hasMessageContaining("topic prefix");
    }
}
