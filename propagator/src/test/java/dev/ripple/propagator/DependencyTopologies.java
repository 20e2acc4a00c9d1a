package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.StreamDoc;
import dev.ripple.events.Dependency;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;

/** Events, fixtures and time steps shared by the dependency tracking topology tests. */
final class DependencyTopologies {
    private DependencyTopologies() {}

    static EditEvent upsert(String key, long revision, List<Dependency> uses, List<String> changedParts) {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), TopologyFixture.NOW, "edits", null,
                "en.example.org", null, "eqiad");
        return new EditEvent(EditEvent.SCHEMA, meta, key, Op.UPSERT, revision, null, "text/plain", "body", List.of(),
                null, null, null, uses, changedParts, null);
    }

    static EditEvent delete(String key, long revision) {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), TopologyFixture.NOW, "edits", null, null, null,
                "eqiad");
        return new EditEvent(EditEvent.SCHEMA, meta, key, Op.DELETE, revision, null, null, null, List.of(), null,
                null, null);
    }

    static Dependency uses(String key, String... parts) {
        return new Dependency(key, parts.length == 0 ? null : List.of(parts));
    }

    /** The derived invalidations that reached {@code region}, by key, in order. */
    static List<EditEvent> invalidations(TopologyFixture fixture, String region) {
        List<EditEvent> derived = new ArrayList<>();
        for (TestRecord<String, RegionRecord> record : fixture.replicate(region)) {
            if (record.value() instanceof ReplicationRecord replication
                    && replication.source().topic().equals(TopologyFixture.TOPICS.derived())) {
                derived.add(replication.event());
            }
        }
        return derived;
    }

    /** Pages {@code page:0} … that each use {@code template}, indexed, with what they replicated read away. */
    static void declarePages(TopologyFixture fixture, int pages, String template) {
        for (int i = 0; i < pages; i++) {
            fixture.publish(upsert("page:" + i, 1, List.of(uses(template)), null));
        }
        fixture.advance(Duration.ofMillis(200));
        fixture.replicate("eqiad");
    }

    /** Lets walks of 100 ms pass until the fan-outs are paced to {@code ratePerS} (back pressure climbs to it). */
    static void climb(TopologyFixture fixture, double ratePerS) {
        for (int i = 0; i < 100 && fixture.metrics.fanoutBacklog().ratePerS() < ratePerS; i++) {
            fixture.advance(Duration.ofMillis(100));
        }
        assertThat(fixture.metrics.fanoutBacklog().ratePerS()).isEqualTo(ratePerS);
    }

    /** Lets {@code steps} walks of 100 ms pass. */
    static void steps(TopologyFixture fixture, int steps) {
        for (int i = 0; i < steps; i++) {
            fixture.advance(Duration.ofMillis(100));
        }
    }

    static List<String> keys(List<EditEvent> events) {
        return events.stream().map(EditEvent::key).sorted().toList();
    }

    static TopologyFixture fixture(StreamDoc.Dependencies tracking) {
        return new TopologyFixture(TestConfig.tracked(tracking, "eqiad", "esams")
                .with(TestConfig.replicateAll("all", "*")).ruleSet(1));
    }
}
