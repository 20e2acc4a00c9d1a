package dev.ripple.propagator;

import static dev.ripple.propagator.DependencyTopologies.delete;
import static dev.ripple.propagator.DependencyTopologies.fixture;
import static dev.ripple.propagator.DependencyTopologies.invalidations;
import static dev.ripple.propagator.DependencyTopologies.keys;
import static dev.ripple.propagator.DependencyTopologies.upsert;
import static dev.ripple.propagator.DependencyTopologies.uses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.StreamDoc;
import dev.ripple.events.Dependency;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.events.PurgeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Fine-grained dependency tracking on the topology (DESIGN.md 14): declarations, part-level fan-out, dependents
 * that stop using a resource, cycles and depth, coalescing, tag rules, config changes and purges; the walk itself is
 * in {@link FanoutWalkTopologyTest}.
 */
class DependencyTopologyTest {
    /** No coalescing window, so each fan-out shows at once. */
    private static final StreamDoc.Dependencies AT_ONCE = new StreamDoc.Dependencies(null, 0L, 3, 100_000, 500,
            null);


    @Test
    void shouldInvalidateExactlyTheDependentsThatReadAChangedPart() {
        try (TopologyFixture fixture = fixture(AT_ONCE)) {
            // given three pages using the infobox: its params, all of it, its layout
            fixture.publish(upsert("page:1", 1, List.of(uses("template:Infobox", "params")), null));
            fixture.publish(upsert("page:2", 1, List.of(uses("template:Infobox")), null));
            fixture.publish(upsert("page:3", 1, List.of(uses("template:Infobox", "layout")), null));
            fixture.publish(upsert("page:4", 1, List.of(uses("template:Other")), null));
            fixture.advance(Duration.ofMillis(200));
            fixture.replicate("eqiad");
            fixture.replicate("esams");

            // when the infobox's params change
            EditEvent edit = upsert("template:Infobox", 7, null, List.of("params"));
            fixture.publish(edit);
            fixture.advance(Duration.ofMillis(200));

            // then the pages that read its params (or all of it) are invalidated in every region, once, with lineage
            List<EditEvent> eqiad = invalidations(fixture, "eqiad");
            assertThat(keys(eqiad)).containsExactly("page:1", "page:2");
            assertThat(keys(invalidations(fixture, "esams"))).containsExactly("page:1", "page:2");
            assertThat(eqiad).allSatisfy(event -> {
                assertThat(event.op()).isEqualTo(Op.INVALIDATE);
                assertThat(event.revision()).isNull();
                assertThat(event.triggeredBy()).isEqualTo(edit.meta().id());
                assertThat(event.rootEvent().id()).isEqualTo(edit.meta().id());
                assertThat(event.rootEvent().key()).isEqualTo("template:Infobox");
                assertThat(event.depth()).isEqualTo(1);
            });

            // when its footer changes: only the page that reads all of it
            fixture.publish(upsert("template:Infobox", 8, null, List.of("footer")));
            fixture.advance(Duration.ofMillis(200));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page:2");

            // when a part that no dependent reads changes, nothing is derived
            fixture.publish(upsert("page:5", 1, List.of(uses("template:Narrow", "a")), null));
            fixture.publish(upsert("template:Narrow", 2, null, List.of("b")));
            fixture.advance(Duration.ofMillis(200));
            assertThat(invalidations(fixture, "eqiad")).isEmpty();
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEPS_DERIVED, "stream", "edits")).isEqualTo(3);
        }
    }

    @Test
    void shouldStopInvalidatingADependentThatNoLongerUsesTheResourceOrIsDeleted() {
        try (TopologyFixture fixture = fixture(AT_ONCE)) {
            fixture.publish(upsert("page:1", 1, List.of(uses("template:A")), null));
            fixture.publish(upsert("page:2", 1, List.of(uses("template:A")), null));
            fixture.publish(upsert("page:3", 1, List.of(uses("template:A")), null));

            // when page 1 now uses B instead, page 2 is deleted, and page 3 is edited without saying what it uses
            fixture.publish(upsert("page:1", 2, List.of(uses("template:B")), null));
            fixture.publish(delete("page:2", 2));
            fixture.publish(upsert("page:3", 2, null, null));
            fixture.advance(Duration.ofMillis(200));
            fixture.replicate("eqiad");

            // then an edit of A invalidates page 3 alone, and one of B page 1 alone
            fixture.publish(upsert("template:A", 2, null, null));
            fixture.advance(Duration.ofMillis(200));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page:3");
            fixture.publish(upsert("template:B", 2, null, null));
            fixture.advance(Duration.ofMillis(200));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page:1");
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEPS_EDGES, "change", "removed")).isEqualTo(2);
        }
    }

    @Test
    void shouldNotInvalidateADependentThatStoppedUsingTheDependencyWhileTheWalkWasOnItsWay() {
        StreamDoc.Dependencies windowed = new StreamDoc.Dependencies(null, 500L, 3, 100_000, 500, null);
        try (TopologyFixture fixture = fixture(windowed)) {
            fixture.publish(upsert("page:1", 1, List.of(uses("template:A")), null));
            fixture.publish(upsert("page:2", 1, List.of(uses("template:A")), null));
            fixture.advance(Duration.ofMillis(200));
            fixture.replicate("eqiad");

            // when A's edit is walked, and page 1 is deleted and page 2 stops using A while its invalidation waits
            fixture.publish(upsert("template:A", 2, null, null));
            fixture.advance(Duration.ofMillis(100));
            fixture.publish(delete("page:1", 2));
            fixture.publish(upsert("page:2", 2, List.of(uses("template:B")), null));
            fixture.advance(Duration.ofMillis(600));

            // then neither is invalidated: at the window's end they no longer use A
            assertThat(invalidations(fixture, "eqiad")).isEmpty();
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEPS_CUT, "reason", "no-longer-used"))
                    .isEqualTo(2);
        }
    }

    @Test
    void shouldCutAChainThatComesBackToItsRootAndOneDeeperThanMaxDepth() {
        StreamDoc.Dependencies depthTwo = new StreamDoc.Dependencies(null, 0L, 2, 100_000, 500, null);
        try (TopologyFixture fixture = fixture(depthTwo)) {
            // given a cycle a <-> b, and a chain c <- d <- e <- f
            fixture.publish(upsert("a", 1, List.of(uses("b")), null));
            fixture.publish(upsert("b", 1, List.of(uses("a")), null));
            fixture.publish(upsert("d", 1, List.of(uses("c")), null));
            fixture.publish(upsert("e", 1, List.of(uses("d")), null));
            fixture.publish(upsert("f", 1, List.of(uses("e")), null));
            for (int i = 0; i < 4; i++) { // b's first edit invalidates a, which uses it
                fixture.advance(Duration.ofMillis(100));
            }
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("a");

            // when a is edited: b is invalidated, and b's invalidation does not come back to a
            fixture.publish(upsert("a", 2, List.of(uses("b")), null));
            fixture.advance(Duration.ofMillis(200));
            fixture.advance(Duration.ofMillis(200));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("b");
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEPS_CUT, "reason", "cycle")).isEqualTo(2);

            // when c is edited: d (depth 1) and e (depth 2) are invalidated, f (depth 3) is not
            fixture.publish(upsert("c", 1, null, null));
            for (int i = 0; i < 4; i++) {
                fixture.advance(Duration.ofMillis(200));
            }
            List<EditEvent> chain = invalidations(fixture, "eqiad");
            assertThat(keys(chain)).containsExactly("d", "e");
            assertThat(chain).extracting(EditEvent::depth).containsExactly(1, 2);
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEPS_CUT, "reason", "depth")).isEqualTo(1);
        }
    }

    @Test
    void shouldInvalidateADependentOfTenEditedResourcesOncePerCoalescingWindow() {
        StreamDoc.Dependencies oneSecond = new StreamDoc.Dependencies(null, 1000L, 3, 100_000, 500, null);
        try (TopologyFixture fixture = fixture(oneSecond)) {
            List<Dependency> ten = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ten.add(uses("template:" + i));
            }
            fixture.publish(upsert("page", 1, ten, null));
            fixture.advance(Duration.ofMillis(200));
            fixture.replicate("eqiad");

            // when the ten templates are edited within the window
            for (int i = 0; i < 10; i++) {
                fixture.publish(upsert("template:" + i, 2, null, null));
            }
            fixture.advance(Duration.ofMillis(300));

            // then nothing yet; once the window closes, one invalidation
            assertThat(invalidations(fixture, "eqiad")).isEmpty();
            fixture.advance(Duration.ofMillis(1000));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page");
            assertThat(fixture.metrics.value(PropagatorMetricNames.DEPS_COALESCED)).isEqualTo(9);

            // when one is edited again after the window: a second invalidation
            fixture.publish(upsert("template:3", 3, null, null));
            fixture.advance(Duration.ofMillis(100));
            fixture.advance(Duration.ofMillis(1100));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page");
        }
    }

    @Test
    void shouldTakeDependenciesFromTagsByTheStreamsRule() {
        StreamDoc.Dependencies tags = new StreamDoc.Dependencies("^template:(?<key>.+)$", 0L, 3, 100_000, 500,
                null);
        try (TopologyFixture fixture = fixture(tags)) {
            EventMeta meta = new EventMeta(UUID.randomUUID().toString(), TopologyFixture.NOW, "edits", null, null,
                    null, "eqiad");
            fixture.publish(new EditEvent(EditEvent.SCHEMA, meta, "page", Op.UPSERT, 1L, null, "text/plain", "b",
                    List.of("template:Infobox", "category:X"), null, null, null));
            fixture.advance(Duration.ofMillis(200));
            fixture.replicate("eqiad");

            fixture.publish(upsert("Infobox", 2, null, null));
            fixture.publish(upsert("category:X", 2, null, null));
            fixture.advance(Duration.ofMillis(200));

            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page");
        }
    }

    @Test
    void shouldFollowTheStreamsDependencySettingsAsTheConfigChanges() {
        try (TopologyFixture fixture = fixture(AT_ONCE)) {
            fixture.publish(upsert("page", 1, List.of(uses("template:T")), null));
            fixture.advance(Duration.ofMillis(200));
            fixture.replicate("eqiad");

            // when the stream stops carrying dependencies (config version 2), an edit of T derives nothing
            fixture.rules.swap(TestConfig.regions("eqiad", "esams").with(TestConfig.replicateAll("all", "*"))
                    .ruleSet(2));
            fixture.publish(upsert("template:T", 2, null, null));
            fixture.advance(Duration.ofMillis(200));
            assertThat(invalidations(fixture, "eqiad")).isEmpty();

            // when it carries them again (version 3), the index it kept serves the next edit
            fixture.rules.swap(TestConfig.tracked(AT_ONCE, "eqiad", "esams")
                    .with(TestConfig.replicateAll("all", "*")).ruleSet(3));
            fixture.publish(upsert("template:T", 3, null, null));
            fixture.advance(Duration.ofMillis(200));
            assertThat(keys(invalidations(fixture, "eqiad"))).containsExactly("page");
        }
    }

    @Test
    void shouldRouteAndPurgeADerivedEventAsTheDependentsOwnEditByItsDomain() {
        // given the demo's page rule, which purges https://{meta.domain}/wiki/{title}
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.tracked(AT_ONCE, "eqiad")
                .with(TestConfig.pageRule(0)).ruleSet(1))) {
            fixture.publish(upsert("enwiki:Page", 1, List.of(uses("template:T")), null));
            fixture.advance(Duration.ofMillis(200));
            fixture.purge("eqiad");

            fixture.publish(upsert("template:T", 2, null, null));
            fixture.advance(Duration.ofMillis(200));

            // then the page's URL is purged by its derived invalidation, and nothing is dead-lettered
            assertThat(fixture.purge("eqiad")).extracting(TestRecord::value)
                    .filteredOn(PurgeRequest.class::isInstance).map(PurgeRequest.class::cast)
                    .singleElement().satisfies(purge -> assertThat(purge.urls())
                            .containsExactly("https://en.example.org/wiki/Page"));
            assertThat(fixture.deadLetters()).isEmpty();
        }
    }

}
