package dev.ripple.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.TopicNames;
import org.junit.jupiter.api.Test;

class ConsumerGroupsTest {
    private final ConsumerGroups groups = ConsumerGroups.defaults();

    @Test
    void shouldNameEveryPartPrefixDashPartDashRegion() {
        assertThat(groups.propagator()).isEqualTo("ripple-propagator");
        assertThat(groups.purger("codfw")).isEqualTo("ripple-purger-codfw");
        assertThat(groups.replica("codfw")).isEqualTo("ripple-replica-codfw");
        assertThat(ConsumerGroups.of(new TopicNames("staging")).replica("eqiad")).isEqualTo("staging-replica-eqiad");
    }

    @Test
    void shouldNameEachDeadLetterCursorAfterItsConsumerAndRecogniseIt() {
        assertThat(groups.dlqCursor("purger.eqiad")).isEqualTo("ripple-dlq-purger.eqiad");
        assertThat(groups.dlqCursorOf("ripple-dlq-purger.eqiad")).contains("purger.eqiad");
        assertThat(groups.dlqCursorOf("ripple-purger-eqiad")).isEmpty();
        assertThatThrownBy(() -> groups.dlqCursor("Bad Name")).hasMessageContaining("Invalid consumer name");
    }

    @Test
    void shouldKnowTheFormerNameOfTheReplicasGroupOnly() {
        assertThat(ConsumerGroups.legacyOf("ripple-replica-codfw")).contains("ripple.replica.codfw");
        assertThat(ConsumerGroups.legacyOf("my-site-replica-codfw")).contains("my-site.replica.codfw");
        assertThat(ConsumerGroups.legacyOf("ripple-purger-codfw")).isEmpty();
        assertThat(ConsumerGroups.legacyOf("ripple-propagator")).isEmpty();
        assertThat(ConsumerGroups.legacyOf("ripple.replica.codfw")).isEmpty();
    }

    @Test
    void shouldRefuseNamesThatBreakTheScheme() {
        assertThatThrownBy(() -> groups.purger("Eqiad")).hasMessageContaining("Invalid region name 'Eqiad'");
        assertThatThrownBy(() -> new ConsumerGroups("a.b")).hasMessageContaining("'a.b'");
    }
}
