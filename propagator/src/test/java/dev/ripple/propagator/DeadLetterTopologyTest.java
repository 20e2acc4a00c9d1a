package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.testsupport.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTopologyTest {

    @Test
    void shouldDeadLetterPoisonRecordsWithTheirReasonAndKeepGoing() {
        // given the page rule
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(0)).ruleSet(1))) {

            // when garbage, an event under another key, and then a good event arrive
            fixture.publishRaw("enwiki:A", "{not json");
            fixture.publish("enwiki:Other", TopologyFixture.json(TestEvents.upsert("enwiki:A", 1)), null);
            fixture.publish(TestEvents.upsert("enwiki:A", 2));
            fixture.advance(Duration.ofMillis(60));

            // then the first two are in the DLQ byte for byte with their reasons, and the good one is routed
            List<TestRecord<String, DeadLetterRecord>> dead = fixture.deadLetters();
            assertThat(dead).hasSize(2);
            assertThat(dead.get(0).value().reason()).startsWith("not a readable edit event");
            assertThat(dead.get(0).value().original().valueText()).isEqualTo("{not json");
            assertThat(dead.get(0).value().original().offset()).isZero();
            assertThat(dead.get(1).value().reason()).contains("record key 'enwiki:Other' is not the event's key");
            assertThat(fixture.replicate("eqiad")).extracting(r -> ((ReplicationRecord) r.value()).event().revision())
                    .containsExactly(2L);
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEAD_LETTERS, "stream", "edits", "reason",
                    "unreadable")).isEqualTo(2);
        }
    }

    @Test
    void shouldDeadLetterAnEventWhosePurgeTemplateCannotBeExpandedInsteadOfPurgingAnEmptySegment() {
        // given the page rule, whose URL template needs meta.domain
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(0)).ruleSet(1))) {

            // when an enwiki event without a domain arrives
            fixture.publish(TestEvents.event("enwiki:A", Op.UPSERT, 1L, null, null));
            fixture.advance(Duration.ofMillis(60));

            // then it is dead-lettered naming rule, field and placeholder; regions get only a watermark
            assertThat(fixture.deadLetters()).singleElement().satisfies(record -> assertThat(record.value().reason())
                    .contains("Rule 'page-edits'").contains("purge.urls[0]").contains("{meta.domain}"));
            Watermark past = new Watermark(new SourcePosition("ripple.stream.edits", 0, 0, TopologyFixture.NOW));
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value).containsExactly(past);
            assertThat(fixture.purge("eqiad")).extracting(TestRecord::value).containsExactly(past);
        }
    }

    @Test
    void shouldDeadLetterAnEventWhoseOutputWouldExceedTheRecordLimitAndLeaveItsValueOnTheSourceTopic() {
        // given a 64 KiB record limit
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1), options -> options.withMaxRecordBytes(65536))) {

            // when an event with a 100 kB body arrives
            EventMeta meta = new EventMeta("big", TestEvents.DT, "edits", null, null, null, null);
            EditEvent big = new EditEvent(EditEvent.SCHEMA, meta, "k", Op.UPSERT, 1L, null, "text/plain",
                    "x".repeat(100_000), List.of(), null, null, null);
            fixture.publish(big);

            // then it is dead-lettered as too large, pointing at the source record
            DeadLetterRecord letter = fixture.deadLetters().get(0).value();
            assertThat(letter.reason()).contains("exceeds maxRecordBytes 65536").contains("it is on "
                    + "ripple.stream.edits-0@0");
            assertThat(letter.original().value()).isNull();
            assertThat(letter.valueLeftOut()).isGreaterThan(100_000);
            assertThat(fixture.replicate("eqiad")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterARecordWhoseDependencyHeaderIsNotAPosition() {
        // given a rule replicating everything
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1))) {

            // when an event arrives with a corrupt ripple-deps header
            org.apache.kafka.common.header.internals.RecordHeaders headers =
                    new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add("ripple-deps", "garbage".getBytes(StandardCharsets.UTF_8));
            fixture.publish(new TestRecord<>("k", TopologyFixture.json(TestEvents.upsert("k", 1)), headers,
                    Instant.EPOCH));

            // then it is dead-lettered, naming the header, which the dead letter keeps as it was for a replay
            assertThat(fixture.deadLetters()).singleElement().satisfies(r -> {
                assertThat(r.value().reason()).contains("ripple-deps");
                assertThat(r.headers().lastHeader("ripple-deps").value())
                        .isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
                assertThat(r.value().originalHeaders()).extracting(h -> h.key()).containsExactly("ripple-deps");
            });
        }
    }
}
