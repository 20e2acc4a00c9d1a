package dev.ripple.consistency.history;

import static dev.ripple.consistency.history.AnomalyType.STALENESS_BOUND_EXCEEDED;
import static dev.ripple.consistency.history.Reports.assertNotReported;
import static dev.ripple.consistency.history.Reports.assertReported;
import static dev.ripple.consistency.history.Scenario.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import org.junit.jupiter.api.Test;

/**
 * Bounded staleness as Cosmos DB defines it: reads lag writes by at most K versions or T time. Here: a served
 * read may miss at most {@code versions} acknowledged writes of its key, none acknowledged more than {@code ms}
 * before the read started.
 */
class StalenessAnomalyTest {

    /** Three versions of a stock level, acknowledged at 1, 101 and 1501 ms; bound 1000 ms or 2 versions. */
    static Scenario stock() {
        return Scenario.epoch(1).bound(1_000, 2)
                .write("w1", "shop", "stock:sku1", "edits:0@1", 0)
                .write("w2", "shop", "stock:sku1", "edits:0@2", 100)
                .write("w3", "shop", "stock:sku1", "edits:0@3", 1_500);
    }

    @Test
    void shouldReportStalenessBoundExceededInVersionsAndMs() {
        // when: a reader at 1600 gets nothing: three versions missed, the oldest acknowledged 1599 ms earlier
        CheckReport report = stock().read("r1", "reader", "stock:sku1", "us", null, pos(1, "edits:0", 0), 1_600).check();
        // then
        Anomaly a = assertReported(report, STALENESS_BOUND_EXCEEDED, "r1", "w1");
        assertThat(a.measures()).containsEntry("versions", 3L).containsEntry("ms", 1_599L)
                .containsEntry("bound_versions", 2L).containsEntry("bound_ms", 1_000L);
    }

    @Test
    void shouldReportStalenessBoundExceededByTimeAloneWhenOneOldVersionIsMissed() {
        CheckReport report = stock().read("r1", "reader", "stock:sku1", "us", "edits:0@1", pos(1, "edits:0", 1), 1_200).check();
        Anomaly a = assertReported(report, STALENESS_BOUND_EXCEEDED, "r1", "w2");
        assertThat(a.measures()).containsEntry("versions", 1L).containsEntry("ms", 1_099L);
    }

    @Test
    void shouldNotReportStalenessWithinTheBound() {
        // a fresh read; a read missing one version for 499 ms; a write still in flight when the read started
        CheckReport report = stock()
                .read("r1", "reader", "stock:sku1", "us", "edits:0@2", pos(1, "edits:0", 2), 1_200)
                .read("r2", "other", "stock:sku1", "eu", "edits:0@1", pos(1, "edits:0", 1), 600)
                .read("r3", "third", "stock:sku1", "ap", "edits:0@2", pos(1, "edits:0", 2), 1_501)
                .check();
        assertNotReported(report, STALENESS_BOUND_EXCEEDED);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void shouldApplyAReadsOwnTighterBound() {
        // given: the reader asked for Ripple-Max-Staleness: ms=100
        Scenario s = stock();
        s.op(ReadOp.ok("r1", "reader", "stock:sku1", "us", 600, 601, Dot.parse("edits:0@1"), pos(1, "edits:0", 1),
                null, pos(1, "edits:0", 1)).withBound(new StalenessBound(100, 5)));
        // then
        assertThat(assertReported(s.check(), STALENESS_BOUND_EXCEEDED, "r1", "w2").measures())
                .containsEntry("bound_ms", 100L).containsEntry("ms", 499L);
    }

    @Test
    void shouldNotCheckStalenessOfReadsThatWereNotServed() {
        CheckReport report = stock()
                .read("r1", "reader", "stock:sku1", "us", ReadOp.Outcome.REDIRECTED, null, pos(1, "edits:0", 0), 1_600)
                .check();
        assertThat(report.ok()).isTrue();
    }
}
