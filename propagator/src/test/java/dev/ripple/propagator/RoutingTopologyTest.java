package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.events.Op;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class RoutingTopologyTest {

    @Test
    void shouldReplicateAMatchingEventToEveryRegionWithSourcePositionDepsRuleVersionAndTrace() {
        // given the page rule over three regions, at config revision 7
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad", "codfw", "esams")
                .with(TestConfig.pageRule(0)).ruleSet(7))) {
            Position deps = Position.of(0, "ripple.stream.edits", 3, 41);

            // when an enwiki edit is published with the writer's session as dependencies
            fixture.publish(TestEvents.upsert("enwiki:Main_Page", 42), deps);

            // then every region gets one replication record naming the source (timed by the record, not meta.dt),
            // deps, rule version and trace
            for (String region : List.of("eqiad", "codfw", "esams")) {
                List<TestRecord<String, RegionRecord>> records = fixture.replicate(region);
                assertThat(records).hasSize(1);
                assertThat(records.get(0).key()).isEqualTo("enwiki:Main_Page");
                ReplicationRecord record = (ReplicationRecord) records.get(0).value();
                assertThat(record.event()).isEqualTo(TestEvents.upsert("enwiki:Main_Page", 42));
                assertThat(record.source()).isEqualTo(new SourcePosition("ripple.stream.edits", 0, 0,
                        TopologyFixture.NOW));
                assertThat(record.deps()).isEqualTo(deps);
                assertThat(record.rule()).isEqualTo(new RuleRef("page-edits", 7));
                assertThat(record.trace().accepted()).isEqualTo(TopologyFixture.NOW);
                assertThat(record.trace().propagated()).isEqualTo(TopologyFixture.NOW);
            }
        }
    }

    @Test
    void shouldReplicateOnlyToTheRegionsARuleNames() {
        // given a rule replicating to eqiad only, among three regions
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad", "codfw", "esams")
                .with(TestConfig.replicateAll("to-eqiad", "eqiad")).ruleSet(3))) {

            // when an event is published and the watermark interval passes
            fixture.publish(TestEvents.upsert("k", 1));
            fixture.advance(Duration.ofMillis(60));

            // then eqiad has the record, and the others a watermark at its offset instead
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value)
                    .singleElement().isInstanceOf(ReplicationRecord.class);
            for (String region : List.of("codfw", "esams")) {
                assertThat(fixture.replicate(region)).extracting(TestRecord::value)
                        .containsExactly(new Watermark(new SourcePosition("ripple.stream.edits", 0, 0, TopologyFixture.NOW)));
            }
        }
    }

    @Test
    void shouldExpandPurgeTemplatesWithNamedGroupsAndEncodeUrlValues() {
        // given the page rule
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad", "esams")
                .with(TestConfig.pageRule(0)).ruleSet(7))) {

            // when a title with a space, a question mark and a slash is edited
            fixture.publish(TestEvents.upsert("enwiki:Talk:Q? and A/Archive 1", 5));

            // then every region gets the purge: URL percent-encoded, keys and tags verbatim
            for (String region : List.of("eqiad", "esams")) {
                List<PurgeRecord> purges = fixture.purge(region).stream().map(TestRecord::value).toList();
                assertThat(purges).singleElement().isInstanceOfSatisfying(PurgeRequest.class, purge -> {
                    assertThat(purge.urls()).containsExactly(
                            "https://en.example.org/wiki/Talk:Q%3F%20and%20A/Archive%201");
                    assertThat(purge.keys()).containsExactly("page:enwiki:Talk:Q? and A/Archive 1");
                    assertThat(purge.tags()).containsExactly("page:enwiki:Talk:Q? and A/Archive 1");
                    assertThat(purge.revision()).isEqualTo(5L);
                    assertThat(purge.rule()).isEqualTo(new RuleRef("page-edits", 7));
                });
            }
        }
    }

    @Test
    void shouldRouteNothingButWatermarksForEventsTheRuleExcludes() {
        // given the page rule, which excludes other wikis and the canary domain
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.pageRule(0)).ruleSet(7))) {

            // when a dewiki edit and a canary edit are published, then the watermark interval passes
            fixture.publish(TestEvents.upsert("dewiki:Hauptseite", 1));
            fixture.publish(TestEvents.event("enwiki:Canary", Op.UPSERT, 1L, null, "canary.example.org"));
            fixture.advance(Duration.ofMillis(60));

            // then each region topic gets a single watermark covering both, and no record
            Watermark expected = new Watermark(new SourcePosition("ripple.stream.edits", 0, 1, TopologyFixture.NOW));
            assertThat(fixture.replicate("eqiad")).extracting(TestRecord::value).containsExactly(expected);
            assertThat(fixture.purge("eqiad")).extracting(TestRecord::value).containsExactly(expected);
        }
    }
}
