package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class RuleSwapTopologyTest {

    @Test
    void shouldRouteEachEventByTheRuleSetInForceWhenItArrivesAndRecordThatVersion() {
        // given version 1: a rule replicating to eqiad only, regions eqiad and codfw
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad", "codfw")
                .with(TestConfig.replicateAll("r", "eqiad")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("k", 1));
            fixture.advance(Duration.ofMillis(60));

            // when version 2 (the rule now replicating everywhere) is swapped in mid-stream
            RuleSet previous = fixture.rules.swap(TestConfig.regions("eqiad", "codfw")
                    .with(TestConfig.replicateAll("r", "*")).ruleSet(2));
            fixture.publish(TestEvents.upsert("k", 2));

            // then the first event kept version 1's routing, the second has version 2's, and each says so
            assertThat(previous.version()).isEqualTo(1);
            assertThat(fixture.replicate("eqiad")).extracting(r -> ((ReplicationRecord) r.value()).rule())
                    .containsExactly(new RuleRef("r", 1), new RuleRef("r", 2));
            assertThat(fixture.replicate("codfw")).extracting(TestRecord::value).containsExactly(
                    new Watermark(new SourcePosition("ripple.stream.edits", 0, 0, TopologyFixture.NOW)),
                    replicationAt(fixture, 1));
        }
    }

    @Test
    void shouldStartARegionAddedAtRunTimeFromTheCurrentPositionWithoutBackfill() {
        // given eqiad alone, and two events propagated
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("r", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("a", 1));
            fixture.publish(TestEvents.upsert("b", 1));

            // when esams is added and time passes, then another event arrives
            fixture.rules.swap(TestConfig.regions("eqiad", "esams").with(TestConfig.replicateAll("r", "*"))
                    .ruleSet(2));
            fixture.advance(Duration.ofMillis(60));
            fixture.publish(TestEvents.upsert("c", 1));

            // then esams starts with a watermark at the current position (no backfill of a and b), then c
            assertThat(fixture.replicate("esams")).extracting(TestRecord::value).satisfiesExactly(
                    first -> assertThat(first).isEqualTo(new Watermark(new SourcePosition("ripple.stream.edits", 0,
                            1, TopologyFixture.NOW))),
                    second -> assertThat(((ReplicationRecord) second).key()).isEqualTo("c"));
        }
    }

    @Test
    void shouldGiveARegionAddedWhileIdleItsWatermarkBeforeTheNextEvent() {
        // given eqiad alone, an event propagated, and the propagator idle since (its punctuators stopped)
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("r", "*")).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("a", 1));
            fixture.advance(Duration.ofMillis(500)); // eqiad's watermarks
            fixture.advance(Duration.ofMillis(500)); // nothing owed: the punctuators stop

            // when esams is added while idle and time passes, then nothing is written for it yet
            fixture.rules.swap(TestConfig.regions("eqiad", "esams").with(TestConfig.replicateAll("r", "*"))
                    .ruleSet(2));
            fixture.advance(Duration.ofMillis(500));
            assertThat(fixture.replicate("esams")).isEmpty();

            // when the next event arrives, then esams starts with a watermark at the position before it, then it
            fixture.publish(TestEvents.upsert("b", 1));
            assertThat(fixture.replicate("esams")).extracting(TestRecord::value).satisfiesExactly(
                    first -> assertThat(first).isEqualTo(new Watermark(new SourcePosition("ripple.stream.edits", 0,
                            0, TopologyFixture.NOW))),
                    second -> assertThat(((ReplicationRecord) second).key()).isEqualTo("b"));
        }
    }

    private static RegionRecord replicationAt(TopologyFixture fixture, long offset) {
        return new ReplicationRecord(TestEvents.upsert("k", 2), new SourcePosition("ripple.stream.edits", 0, offset,
                TopologyFixture.NOW), dev.ripple.consistency.Position.empty(0), new RuleRef("r", 2),
                new dev.ripple.events.Trace(TopologyFixture.NOW, TopologyFixture.NOW));
    }
}
