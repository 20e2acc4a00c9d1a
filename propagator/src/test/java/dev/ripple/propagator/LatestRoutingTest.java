package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.EditEvent;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.runtime.latest.LatestEntry;
import dev.ripple.testsupport.ManualClock;
import dev.ripple.testsupport.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatestRoutingTest {
    private static final Instant WRITTEN = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void shouldMakeTheReplicationRecordOfTheRulesInForceKeepingTheWritesSourcePosition() {
        // given the page rule in config revision 7, and a key's latest state written two days ago
        RuleSet rules = TestConfig.regions("eqiad", "codfw").with(TestConfig.pageRule(0)).ruleSet(7);
        LatestRouting routing = new LatestRouting(rules, new ManualClock(NOW));
        EditEvent event = TestEvents.upsert("enwiki:Main_Page", 42);
        SourcePosition source = new SourcePosition("ripple.stream.edits", 3, 1234, WRITTEN);

        // when it is routed for codfw
        ReplicationRecord record = routing.route("codfw", new LatestEntry("edits", event, source)).orElseThrow();

        // then codfw gets the event at its original dot, by the rule of revision 7, with no dependencies
        assertThat(record.event()).isEqualTo(event);
        assertThat(record.source()).isEqualTo(source);
        assertThat(record.rule()).isEqualTo(new RuleRef("page-edits", 7));
        assertThat(record.deps().isEmpty()).isTrue();
        assertThat(record.trace()).isEqualTo(new Trace(WRITTEN, NOW));
    }

    @Test
    void shouldRouteNothingToARegionTheRulesDoNotReplicateTo() {
        // given a rule that replicates to eqiad only
        RuleSet rules = TestConfig.regions("eqiad", "codfw").with(TestConfig.replicateAll("eqiad-only", "eqiad"))
                .ruleSet(3);
        LatestEntry entry = new LatestEntry("edits", TestEvents.upsert("k", 1),
                new SourcePosition("ripple.stream.edits", 0, 5, WRITTEN));

        // when the entry is routed for each region, then only eqiad gets it
        LatestRouting routing = new LatestRouting(rules, new ManualClock(NOW));
        assertThat(routing.route("eqiad", entry)).isPresent();
        assertThat(routing.route("codfw", entry)).isEmpty();
        assertThat(routing.route("ulsfo", entry)).isEmpty();
    }

    @Test
    void shouldCountAndSkipAnEntryWhoseTemplateFails() {
        // given the page rule, whose purge URL needs meta.domain, and an entry without a domain
        LatestRouting routing = new LatestRouting(TestConfig.regions("eqiad").with(TestConfig.pageRule(0))
                .ruleSet(1), new ManualClock(NOW));
        LatestEntry entry = new LatestEntry("edits", TestEvents.upsert("edits", "enwiki:No_Domain", 1),
                new SourcePosition("ripple.stream.edits", 0, 5, WRITTEN));

        // when it is routed, then nothing is sent and the failure is counted, not thrown
        assertThat(routing.route("eqiad", entry)).isEmpty();
        assertThat(routing.templateFailures()).isEqualTo(1);
    }
}
