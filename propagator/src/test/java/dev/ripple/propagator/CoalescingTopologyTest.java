package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class CoalescingTopologyTest {
    private static Watermark watermarkAt(long offset) {
        return new Watermark(new SourcePosition("ripple.stream.edits", 0, offset, TopologyFixture.NOW));
    }

    @Test
    void shouldMergePurgesOfOneKeyWithinTheWindowAndSendThemWhenItCloses() {
        // given the page rule with a 1 s coalescing window
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(1000)).ruleSet(1))) {

            // when A is edited twice and B once within the window
            fixture.publish(TestEvents.upsert("enwiki:A", 1));
            fixture.publish(TestEvents.upsert("enwiki:A", 2));
            fixture.publish(TestEvents.upsert("enwiki:B", 1));
            fixture.advance(Duration.ofMillis(500));

            // then nothing is purged yet (replication is not delayed)
            assertThat(fixture.purge("eqiad")).isEmpty();
            assertThat(fixture.replicate("eqiad")).hasSize(3);

            // when the window closes
            fixture.advance(Duration.ofMillis(600));

            // then one purge per key goes out, A's at its last revision and position, then the watermark
            List<PurgeRecord> purges = fixture.purge("eqiad").stream().map(TestRecord::value).toList();
            assertThat(purges).hasSize(3);
            assertThat(purges.get(0)).isInstanceOfSatisfying(PurgeRequest.class, a -> {
                assertThat(a.key()).isEqualTo("enwiki:A");
                assertThat(a.revision()).isEqualTo(2L);
                assertThat(a.source().offset()).isEqualTo(1);
                assertThat(a.urls()).containsExactly("https://en.example.org/wiki/A");
            });
            assertThat(purges.get(1)).isInstanceOfSatisfying(PurgeRequest.class,
                    b -> assertThat(b.key()).isEqualTo("enwiki:B"));
            assertThat(purges.get(2)).isEqualTo(watermarkAt(2));
            assertThat(fixture.metrics.value(PropagatorMetricNames.PURGES_COALESCED, "rule", "page-edits"))
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldHoldPurgeWatermarksBelowAPurgeStillWaitingInItsWindow() {
        // given the page rule with a 1 s window, and a filtered event at offset 0
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(1000)).ruleSet(1))) {
            fixture.publish(TestEvents.upsert("dewiki:X", 1));

            // when A's purge (offset 1) waits in its window while a filtered event (offset 2) passes
            fixture.publish(TestEvents.upsert("enwiki:A", 1));
            fixture.publish(TestEvents.upsert("dewiki:Y", 1));
            fixture.advance(Duration.ofMillis(60));

            // then the purge topic's watermark claims offset 0 only, while replication claims all three
            assertThat(fixture.purge("eqiad")).extracting(TestRecord::value).containsExactly(watermarkAt(0));
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value).last().isEqualTo(watermarkAt(2));

            // when the window closes
            fixture.advance(Duration.ofMillis(1000));

            // then A's purge goes out before the watermark that covers it
            List<PurgeRecord> after = fixture.purge("eqiad").stream().map(TestRecord::value).toList();
            assertThat(after).hasSize(2);
            assertThat(after.get(0)).isInstanceOf(PurgeRequest.class);
            assertThat(after.get(1)).isEqualTo(watermarkAt(2));
        }
    }

    @Test
    void shouldSendPurgesAtOnceAndCountItWhenTheBufferIsFull() {
        // given a window and a buffer of one purge
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(1000)).ruleSet(1), options -> options.withMaxBufferedPurges(1))) {

            // when two keys are edited within the window
            fixture.publish(TestEvents.upsert("enwiki:A", 1));
            fixture.publish(TestEvents.upsert("enwiki:B", 1));

            // then B's purge goes out at once, and the bound is counted
            assertThat(fixture.purge("eqiad")).extracting(r -> ((PurgeRequest) r.value()).key())
                    .containsExactly("enwiki:B");
            assertThat(fixture.metrics.value(PropagatorMetricNames.PURGE_BUFFER_FULL)).isEqualTo(1);
        }
    }
}
