package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.Op;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.testsupport.TestEvents;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class ConflictTopologyTest {

    @Test
    void shouldRejectAWriteWhoseBaseRevisionIsNotTheCurrentOneToTheConflictsTopicWithBothRevisions() {
        // given stream edits with the default policy (reject), and key k at revision 43
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 43));

            // when a write based on revision 41 arrives
            fixture.publish(TestEvents.event("k", Op.UPSERT, 44L, 41L, "en.example.org"));

            // then it is not replicated; the conflicts topic has it byte for byte, with both revisions named
            assertThat(fixture.replicate("eqiad")).extracting(r -> ((ReplicationRecord) r.value()).event()
                    .revision()).containsExactly(43L);
            List<TestRecord<String, DeadLetterRecord>> conflicts = fixture.conflicts();
            assertThat(conflicts).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("k");
                DeadLetterRecord letter = record.value();
                assertThat(letter.reason()).contains("base_revision 41").contains("revision 43")
                        .contains("reject");
                assertThat(letter.original().offset()).isEqualTo(1);
                assertThat(letter.original().value()).isEqualTo(TopologyFixture.json(
                        TestEvents.event("k", Op.UPSERT, 44L, 41L, "en.example.org")));
                assertThat(letter.consumer()).isEqualTo("propagator");
            });
            assertThat(fixture.metrics.value(PropagatorMetricNames.CONFLICTS, "stream", "edits", "policy", "reject"))
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldApplyAndCountAConflictingWriteWhenTheStreamsPolicyIsLastWriterWins() {
        // given stream edits with policy last-writer-wins, and key k at revision 43
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.lastWriterWins("edits")).with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 43));

            // when a write based on revision 41 arrives
            fixture.publish(TestEvents.event("k", Op.UPSERT, 44L, 41L, "en.example.org"));

            // then it is replicated, counted as a conflict, and nothing goes to the conflicts topic
            assertThat(fixture.replicate("eqiad")).extracting(r -> ((ReplicationRecord) r.value()).event()
                    .revision()).containsExactly(43L, 44L);
            assertThat(fixture.conflicts()).isEmpty();
            assertThat(fixture.metrics.value(PropagatorMetricNames.CONFLICTS, "stream", "edits", "policy",
                    "last-writer-wins")).isEqualTo(1);
        }
    }

    @Test
    void shouldAcceptAWriteWhoseBaseRevisionIsTheCurrentOne() {
        // given key k at revision 41
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 41));

            // when a write based on 41 arrives
            fixture.publish(TestEvents.event("k", Op.UPSERT, 42L, 41L, "en.example.org"));

            // then it is replicated and no conflict is recorded
            assertThat(fixture.replicate("eqiad")).hasSize(2);
            assertThat(fixture.conflicts()).isEmpty();
        }
    }
}
