package dev.ripple.propagator;

import static dev.ripple.propagator.DependencyTopologies.climb;
import static dev.ripple.propagator.DependencyTopologies.declarePages;
import static dev.ripple.propagator.DependencyTopologies.fixture;
import static dev.ripple.propagator.DependencyTopologies.invalidations;
import static dev.ripple.propagator.DependencyTopologies.steps;
import static dev.ripple.propagator.DependencyTopologies.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ripple.config.StreamDoc;
import dev.ripple.events.EditEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A large fan-out's walk on the topology (DESIGN.md 14): at its rate, paced by back pressure, widened by a newer edit
 * mid-pass, and its invalidations drained from the due store when more fall due at once than one step writes.
 */
class FanoutWalkTopologyTest {
    @Test
    void shouldWalkALargeFanOutAtItsRateAndInvalidateEveryDependentOnce() {
        StreamDoc.Dependencies slow = new StreamDoc.Dependencies(null, 0L, 3, 1000, 100, null);
        try (TopologyFixture fixture = fixture(slow)) {
            declarePages(fixture, 5000, "template:Big");

            // when the template changes, and the walk climbs from its start to its rate
            fixture.publish(upsert("template:Big", 2, null, null));
            climb(fixture, 1000);
            List<EditEvent> first = new ArrayList<>(invalidations(fixture, "eqiad"));
            assertThat(first.size()).isBetween(2000, 3500);

            // then, once at its rate, about a second's worth is invalidated each second, and the backlog says what is
            // left
            steps(fixture, 10);
            List<EditEvent> second = invalidations(fixture, "eqiad");
            assertThat(second.size()).isBetween(900, 1100);
            first.addAll(second);
            long left = 5000 - first.size();
            assertThat(fixture.metrics.fanoutBacklog().dependents()).isEqualTo(left);
            assertThat(fixture.metrics.fanoutBacklog().drainSeconds()).isCloseTo(left / 1000.0, within(0.01));

            // when the rest of the time passes, every dependent was invalidated exactly once
            steps(fixture, 40);
            Map<String, Integer> times = new TreeMap<>();
            first.forEach(e -> times.merge(e.key(), 1, Integer::sum));
            invalidations(fixture, "eqiad").forEach(e -> times.merge(e.key(), 1, Integer::sum));
            assertThat(times).hasSize(5000);
            assertThat(times.values()).containsOnly(1);
            assertThat(fixture.metrics.fanoutBacklog().fanouts()).isZero();
        }
    }

    @Test
    void shouldSlowAFanOutWhileThePropagatorsOwnLanesLagAndSpeedItUpAgainWhenTheyKeepUp() {
        StreamDoc.Dependencies paced = new StreamDoc.Dependencies(null, 0L, 3, 1000, 100, 250L);
        try (TopologyFixture fixture = fixture(paced)) {
            declarePages(fixture, 10_000, "template:Big");

            // when the template changes, the walk starts low and climbs to its whole rate
            fixture.publish(upsert("template:Big", 2, null, null));
            climb(fixture, 1000);
            int before = invalidations(fixture, "eqiad").size();
            assertThat(before).isBetween(2000, 3500);

            // when requests then take 1 s from written to routed, for 2 s
            for (int i = 0; i < 20; i++) {
                fixture.laggingLane(Duration.ofSeconds(1));
                fixture.advance(Duration.ofMillis(100));
            }

            // then the walk cut its rate to a quarter (250 / 1,000 ms) once per second of lag
            int lagging = invalidations(fixture, "eqiad").size();
            assertThat(lagging).isBetween(250, 500);
            assertThat(fixture.metrics.fanoutBacklog().ratePerS()).isBetween(60.0, 70.0);
            assertThat(fixture.metrics.fanoutBacklog().laneLagMs()).isEqualTo(1000);

            // when the lanes keep up again, the walk climbs back to its rate
            climb(fixture, 1000);
            steps(fixture, 60);

            // and every dependent was invalidated exactly once
            Map<String, Integer> times = new TreeMap<>();
            invalidations(fixture, "eqiad").forEach(e -> times.merge(e.key(), 1, Integer::sum));
            assertThat(times).hasSize(10_000 - before - lagging);
            assertThat(times.values()).containsOnly(1);
            assertThat(fixture.metrics.fanoutBacklog().fanouts()).isZero();
        }
    }

    @Test
    void shouldWriteEveryInvalidationOnceWhenMoreFallDueAtOnceThanOneStepWrites() {
        StreamDoc.Dependencies windowed = new StreamDoc.Dependencies(null, 1000L, 3, 1_000_000, 10_000, null);
        try (TopologyFixture fixture = fixture(windowed)) {
            declarePages(fixture, 12_000, "template:Wide");

            // when the template changes and every request lands in one window (a step writes at most 10,000)
            fixture.publish(upsert("template:Wide", 2, null, null));
            steps(fixture, 20);
            List<EditEvent> first = new ArrayList<>(invalidations(fixture, "eqiad"));
            // and, later, a second edit: its windows open after the first's, from the floor the first drain left
            fixture.publish(upsert("template:Wide", 3, null, null));
            steps(fixture, 40);
            List<EditEvent> second = invalidations(fixture, "eqiad");

            // then each edit invalidated every page exactly once
            for (List<EditEvent> each : List.of(first, second)) {
                Map<String, Integer> times = new TreeMap<>();
                each.forEach(e -> times.merge(e.key(), 1, Integer::sum));
                assertThat(times).hasSize(12_000);
                assertThat(times.values()).containsOnly(1);
            }
            assertThat(fixture.metrics.fanoutBacklog().pending()).isZero();
        }
    }

    @Test
    void shouldGoOnRatherThanStartAgainWhenTheDependencyIsEditedDuringItsFanOut() {
        StreamDoc.Dependencies slow = new StreamDoc.Dependencies(null, 0L, 3, 1000, 100, null);
        try (TopologyFixture fixture = fixture(slow)) {
            declarePages(fixture, 5000, "template:Hot");

            // when the template is edited, and again once its walk is at its rate (some 2,800 of 5,000 walked)
            fixture.publish(upsert("template:Hot", 2, null, null));
            climb(fixture, 1000);
            EditEvent second = upsert("template:Hot", 3, null, null);
            fixture.publish(second);
            steps(fixture, 60);

            // then every dependent learns of the second edit once, none is invalidated more than twice, and the
            // walk did not start again from the first entry (which would invalidate the first ones three times)
            List<EditEvent> all = invalidations(fixture, "eqiad");
            Map<String, Integer> afterSecond = new TreeMap<>();
            Map<String, Integer> times = new TreeMap<>();
            all.forEach(e -> times.merge(e.key(), 1, Integer::sum));
            all.stream().filter(e -> e.triggeredBy().equals(second.meta().id()))
                    .forEach(e -> afterSecond.merge(e.key(), 1, Integer::sum));
            assertThat(afterSecond).hasSize(5000);
            assertThat(afterSecond.values()).containsOnly(1);
            assertThat(times.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
            assertThat(all.size()).isBetween(7000, 8500);
            assertThat(fixture.metrics.fanoutBacklog().fanouts()).isZero();
        }
    }
}
