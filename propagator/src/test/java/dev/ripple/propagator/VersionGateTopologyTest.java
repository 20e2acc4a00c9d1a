package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.EditEvent;
import dev.ripple.events.Op;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class VersionGateTopologyTest {

    @Test
    void shouldDropAnEventWhoseRevisionIsNotNewerThanTheLastPropagatedAndCountIt() {
        // given a rule replicating everything to eqiad, and key k propagated at revision 5
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 5));

            // when revision 4, a replay of 5, and then 6 arrive
            fixture.publish(TestEvents.upsert("k", 4));
            fixture.publish(TestEvents.upsert("k", 5));
            fixture.publish(TestEvents.upsert("k", 6));
            fixture.advance(Duration.ofMillis(60));

            // then eqiad gets 5 and 6 only, the two drops are counted, and no watermark is owed after 6
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value)
                    .map(r -> ((ReplicationRecord) r).event().revision()).containsExactly(5L, 6L);
            assertThat(fixture.metrics.value(PropagatorMetricNames.EVENTS_STALE, "stream", "edits")).isEqualTo(2);
        }
    }

    @Test
    void shouldOrderEventsWithoutRevisionByTheirDotAndKeepTheKnownRevisionForLaterOnes() {
        // given key k propagated at revision 5
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 5));

            // when an invalidate without revision follows, then an upsert at revision 3
            fixture.publish(TestEvents.event("k", Op.INVALIDATE, null, null, "en.example.org"));
            fixture.publish(TestEvents.upsert("k", 3));

            // then the invalidate passes (its dot is newer) and revision 3 is still older than 5
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value)
                    .map(r -> ((ReplicationRecord) r).event().op()).containsExactly(Op.UPSERT, Op.INVALIDATE);
        }
    }

    @Test
    void shouldAdvanceRegionPositionsPastADroppedEvent() {
        // given key k at revision 5
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(0)).with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 5));
            fixture.advance(Duration.ofMillis(60));
            fixture.replicate("eqiad");
            fixture.purge("eqiad");

            // when a stale revision of it is dropped and the interval passes
            EditEvent stale = TestEvents.upsert("k", 2);
            fixture.publish(stale);
            fixture.advance(Duration.ofMillis(60));

            // then both region topics get a watermark at the dropped event's offset
            Watermark expected = new Watermark(new SourcePosition("ripple.stream.edits", 0, 1, TopologyFixture.NOW));
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value).containsExactly(expected);
            assertThat(fixture.purge("eqiad")).extracting(TestRecord::value).containsExactly(expected);
        }
    }
}
