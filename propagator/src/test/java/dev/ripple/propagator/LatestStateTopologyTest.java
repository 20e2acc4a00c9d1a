package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.events.Op;
import dev.ripple.events.RecordHeaders;
import dev.ripple.testsupport.TestEvents;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class LatestStateTopologyTest {

    @Test
    void shouldCopyAnEventPastTheGateToTheLatestStateTopicWithItsHeadersAndSourceOffset() {
        // given a rule that replicates to eqiad only keys it does not know; any event must still be kept
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(0)).ruleSet(1))) {
            Position deps = Position.of(1, "ripple.stream.edits", 0, 3L);
            EditEvent routed = TestEvents.upsert("enwiki:Main_Page", 7);
            EditEvent routedNowhere = TestEvents.upsert("dewiki:Hauptseite", 2);

            // when one routed event (with session dependencies) and one no rule matches arrive
            fixture.publish(routed, deps);
            fixture.publish(routedNowhere);

            // then both are on ripple.latest.edits: same key and bytes, the deps header kept, the source offset added
            List<TestRecord<String, byte[]>> latest = fixture.latest();
            assertThat(latest).extracting(TestRecord::key).containsExactly("enwiki:Main_Page", "dewiki:Hauptseite");
            assertThat(latest.get(0).value()).isEqualTo(TopologyFixture.json(routed));
            assertThat(RecordHeaders.deps(latest.get(0).headers())).contains(deps);
            assertThat(RecordHeaders.sourceOffset(latest.get(0).headers())).hasValue(0);
            assertThat(RecordHeaders.sourceOffset(latest.get(1).headers())).hasValue(1);
            assertThat(latest.get(1).timestamp()).isEqualTo(TopologyFixture.NOW.toEpochMilli());
            assertThat(fixture.metrics.value(PropagatorMetricNames.LATEST_RECORDS, "stream", "edits"))
                    .isEqualTo(2);
        }
    }

    @Test
    void shouldNotCopyAStaleEventAnInvalidationOrARejectedConflictButCopyADelete() {
        // given key k at revision 5 (stream edits rejects write-after-read conflicts)
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 5));

            // when a stale revision, an invalidation, a conflicting write and then a delete arrive
            fixture.publish(TestEvents.upsert("k", 4));
            fixture.publish(TestEvents.event("k", Op.INVALIDATE, 6L, null, "en.example.org"));
            fixture.publish(TestEvents.event("k", Op.UPSERT, 8L, 2L, "en.example.org"));
            fixture.publish(TestEvents.event("k", Op.DELETE, 9L, null, "en.example.org"));

            // then only revision 5 (offset 0) and the delete (offset 4) are on the latest-state topic
            assertThat(fixture.latest()).extracting(r -> RecordHeaders.sourceOffset(r.headers()).orElseThrow())
                    .containsExactly(0L, 4L);
            assertThat(fixture.metrics.value(PropagatorMetricNames.LATEST_RECORDS, "stream", "edits"))
                    .isEqualTo(2);
        }
    }
}
