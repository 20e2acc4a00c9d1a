package dev.ripple.consistency.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A simulated correct run must check clean, and a fault injected into it must be found and named. */
class GeneratedHistoryTest {

    final History clean = HistoryGenerator.generate(HistoryGenerator.Config.realistic(30_000, 7));

    @Test
    void shouldReportNothingForACorrectSimulatedRun() {
        // when
        CheckReport report = HistoryChecker.create().check(clean);
        // then
        assertThat(report.anomalies()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.operations()).isEqualTo(30_000);
        assertThat(clean.operations()).anyMatch(op -> op instanceof ReadOp r && r.outcome() == ReadOp.Outcome.WAITED)
                .anyMatch(op -> op instanceof ReadOp r && !r.accepted());
    }

    @Test
    void shouldFindAWriteThatOneRegionDroppedInALargeHistory() {
        // given: esams loses one acknowledged write, chosen from the middle of the run
        String replica = "esams";
        List<Apply> log = new ArrayList<>(clean.applies().get(replica));
        Apply dropped = log.remove(log.size() / 2);
        WriteOp victim = clean.operations().stream().filter(op -> op instanceof WriteOp w && w.dot().equals(dropped.dot()))
                .map(WriteOp.class::cast).findFirst().orElseThrow();
        // when
        CheckReport report = HistoryChecker.create().check(clean.withApplies(replica, log));
        // then
        assertThat(report.anomalies(AnomalyType.LOST_WRITE)).singleElement()
                .satisfies(a -> assertThat(a.operations()).containsExactly(victim.id()))
                .satisfies(a -> assertThat(a.message()).contains(replica));
    }

    @Test
    void shouldKeepCountingBeyondTheExamplesKept() {
        // given: a region that lost every write
        History broken = clean.withApplies("codfw", List.of());
        // when
        CheckReport report = HistoryChecker.create().withMaxAnomaliesPerType(3).check(broken);
        // then
        assertThat(report.anomalies(AnomalyType.LOST_WRITE)).hasSize(3);
        assertThat(report.count(AnomalyType.LOST_WRITE)).isGreaterThan(5_000);
        assertThat(report.truncated()).isTrue();
    }
}
