package dev.ripple.consistency;

import static dev.ripple.consistency.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConitStateTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock NOW = Clock.fixed(T0.plusMillis(5_000), ZoneOffset.UTC);

    static ConitWrite write(int partition, long offset, long dtMs, double weight) {
        return new ConitWrite("pages", TopicPartitionKey.of("edits", partition), offset, T0.plusMillis(dtMs), weight);
    }

    final List<ConitWrite> log = List.of(
            write(0, 10, 0, 1.0),
            write(0, 11, 1_000, 2.5),
            write(1, 4, 1_500, 1.0),
            write(1, 5, 3_000, 1.0));

    @Test
    void shouldMeasureOrderNumericalErrorAndStalenessOfUnappliedWrites() {
        // given: region applied edits:0 up to 10 and edits:1 up to 4
        Position applied = pos(1, "edits:0", 10, "edits:1", 4);
        // when
        ConitState state = ConitState.measure("pages", log, applied, NOW);
        // then: edits:0@11 (2.5, dt +1000) and edits:1@5 (1.0, dt +3000) are missing
        assertThat(state.orderError()).isEqualTo(2);
        assertThat(state.numericalError()).isEqualTo(3.5);
        assertThat(state.stalenessMs()).isEqualTo(4_000);
        assertThat(state.at()).isEqualTo(NOW.instant());
    }

    @Test
    void shouldReportZeroWhenRegionAppliedEverything() {
        ConitState state = ConitState.measure("pages", log, pos(1, "edits:0", 11, "edits:1", 9), NOW);
        assertThat(state.orderError()).isZero();
        assertThat(state.numericalError()).isZero();
        assertThat(state.stalenessMs()).isZero();
        assertThat(state.violations(new ConitBounds(0, 0, 0))).isEmpty();
    }

    @Test
    void shouldCountEveryWriteOfAPartitionTheRegionHasNeverSeen() {
        ConitState state = ConitState.measure("pages", log, Position.empty(1), NOW);
        assertThat(state.orderError()).isEqualTo(4);
        assertThat(state.stalenessMs()).isEqualTo(5_000);
    }

    @Test
    void shouldListExceededBoundsAndByHowMuch() {
        // given
        ConitState state = ConitState.measure("pages", log, pos(1, "edits:0", 10, "edits:1", 4), NOW);
        ConitBounds bounds = new ConitBounds(3_000, 5, 2.0);
        // when
        List<ConitViolation> violations = state.violations(bounds);
        // then
        assertThat(violations).containsExactly(
                new ConitViolation(ConitViolation.Bound.STALENESS_MS, 3_000, 4_000),
                new ConitViolation(ConitViolation.Bound.MAX_WEIGHT, 2.0, 3.5));
        assertThat(violations.get(0).excess()).isEqualTo(1_000);
        assertThat(violations.get(0)).hasToString("staleness_ms exceeded: 4000 > 3000 (by 1000)");
        assertThat(state.within(ConitBounds.unbounded())).isTrue();
    }

    @Test
    void shouldNeverReportNegativeStalenessWhenEventTimeIsAheadOfTheClock() {
        List<ConitWrite> future = List.of(write(0, 1, 60_000, 1));
        assertThat(ConitState.measure("pages", future, Position.empty(1), NOW).stalenessMs()).isZero();
    }

    @Test
    void shouldTightenBoundsDownwardOnly() {
        ConitBounds conit = new ConitBounds(1_000, 10, 5);
        ConitBounds header = ConitBounds.unbounded().withStalenessMs(200).withMaxUnapplied(50);
        assertThat(conit.tightenedBy(header)).isEqualTo(new ConitBounds(200, 10, 5));
    }

    @Test
    void shouldRejectInvalidValuesNamingThem() {
        assertThatThrownBy(() -> new ConitBounds(-5, 1, 1)).hasMessageContaining("-5").hasMessageContaining("staleness_ms");
        assertThatThrownBy(() -> write(0, 1, 0, Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> ConitState.measure("media", log, Position.empty(1), NOW))
                .hasMessageContaining("pages").hasMessageContaining("media");
    }
}
