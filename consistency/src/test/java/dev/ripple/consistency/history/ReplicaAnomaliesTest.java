package dev.ripple.consistency.history;

import static dev.ripple.consistency.history.AnomalyType.APPLY_ORDER_INVERSION;
import static dev.ripple.consistency.history.AnomalyType.CAUSAL_DEP_MISSING;
import static dev.ripple.consistency.history.AnomalyType.DIVERGENCE;
import static dev.ripple.consistency.history.AnomalyType.DUPLICATE_APPLY;
import static dev.ripple.consistency.history.AnomalyType.LOST_WRITE;
import static dev.ripple.consistency.history.AnomalyType.PREFIX_GAP;
import static dev.ripple.consistency.history.AnomalyType.SESSION_WRITE_REORDER;
import static dev.ripple.consistency.history.Reports.assertNotReported;
import static dev.ripple.consistency.history.Reports.assertReported;
import static dev.ripple.consistency.history.Scenario.pos;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Anomalies in what replicas applied. Sources of the histories:
 * <ul>
 *   <li>monotonic writes and writes-follow-reads: the examples of Terry et al., "Session Guarantees for Weakly
 *       Consistent Replicated Data" (PDIS 1994);</li>
 *   <li>prefix-gap: Cosmos DB's session-token rule (a replica answers for a token only if it "contains data for
 *       the specified token"), and Bayou's prefix property (Petersen et al., SOSP 1997: a server holding a
 *       write accepted by X holds every earlier write X accepted);</li>
 *   <li>apply-order-inversion and duplicate-apply: Bayou's replica rules (Terry et al., SOSP 1995: writes are
 *       performed in the same order at all servers; anti-entropy sends a server only the writes it lacks);</li>
 *   <li>lost-write and divergence: Bayou's eventual consistency (every server eventually receives every write,
 *       and servers that hold the same writes hold the same data).</li>
 * </ul>
 */
class ReplicaAnomaliesTest {

    /** Bayou's monotonic-writes example: a library update, then an application update that needs it. */
    static Scenario libraryThenApplication(String... usOrder) {
        return Scenario.epoch(1)
                .write("w1", "erin", "lib:libfoo", "edits:0@5", 100)
                .write("w2", "erin", "app:editor", "edits:1@3", 200)
                .applies("eu", 150, "w1", "w2")
                .applies("us", 250, usOrder);
    }

    @Test
    void shouldReportSessionWriteReorderWhenAReplicaAppliesTheApplicationBeforeTheLibrary() {
        CheckReport report = libraryThenApplication("w2", "w1").check();
        Anomaly a = assertReported(report, SESSION_WRITE_REORDER, "w2", "w1");
        assertThat(a.applies()).containsExactly(new ApplyRef("us", 0), new ApplyRef("us", 1));
        assertThat(a.message()).contains("replica us");
        assertNotReported(report, CAUSAL_DEP_MISSING);
    }

    @Test
    void shouldNotReportSessionWriteReorderWhenEveryReplicaAppliesInSessionOrder() {
        assertThat(libraryThenApplication("w1", "w2").check().ok()).isTrue();
    }

    @Test
    void shouldReportSessionWriteReorderWhenTheEarlierWriteIsNeverApplied() {
        CheckReport report = libraryThenApplication("w2").check();
        assertThat(assertReported(report, SESSION_WRITE_REORDER, "w2", "w1").message()).contains("never");
    }

    /** Bayou's writes-follow-reads example: a reply must not appear where the article it answers has not. */
    static Scenario newsgroupReply(String... usOrder) {
        return Scenario.epoch(1)
                .write("w1", "dave", "post:42", "edits:0@7", 100)
                .applies("eu", 110, "w1")
                .read("r1", "carol", "post:42", "eu", "edits:0@7", pos(1, "edits:0", 7), 200)
                .write("w2", "carol", "post:43", "edits:3@2", 300)
                .applies("eu", 310, "w2")
                .applies("us", 320, usOrder);
    }

    @Test
    void shouldReportCausalDepMissingWhenAReplyIsAppliedBeforeTheArticleItAnswers() {
        CheckReport report = newsgroupReply("w2", "w1").check();
        Anomaly a = assertReported(report, CAUSAL_DEP_MISSING, "w2", "r1", "w1");
        assertThat(a.message()).contains("replica us").contains("edits:0@7");
        assertNotReported(report, SESSION_WRITE_REORDER);
    }

    @Test
    void shouldNotReportCausalDepMissingWhenTheArticleIsAppliedFirst() {
        assertThat(newsgroupReply("w1", "w2").check().ok()).isTrue();
    }

    static Scenario claimedPosition(long appliedAtUs) {
        return Scenario.epoch(1)
                .write("w1", "dave", "k1", "edits:0@11", 100)
                .applies("us", appliedAtUs, "w1")
                .read("r1", "erin", "k9", "us", null, pos(1, "edits:0", 11), 200);
    }

    @Test
    void shouldReportPrefixGapWhenAPositionClaimsAWriteTheRegionHasNotApplied() {
        // given: us answers at 201 claiming edits:0 up to 11, but applies edits:0@11 only at 400
        CheckReport report = claimedPosition(400).check();
        // then
        Anomaly a = assertReported(report, PREFIX_GAP, "r1", "w1");
        assertThat(a.measures()).containsEntry("claimed_offset", 11L).containsEntry("missing_offset", 11L);
        assertThat(a.applies()).containsExactly(new ApplyRef("us", 0));
    }

    @Test
    void shouldReportEveryMissingWriteUnderAClaimOnceEach() {
        // given: us claims edits:0 up to 12 at 201 and again at 301, having applied neither 11 nor 12 by then
        CheckReport report = Scenario.epoch(1)
                .write("w1", "dave", "k1", "edits:0@11", 100)
                .write("w2", "dave", "k2", "edits:0@12", 110)
                .applies("us", 400, "w1", "w2")
                .read("r1", "erin", "k9", "us", null, pos(1, "edits:0", 12), 200)
                .read("r2", "erin", "k9", "us", null, pos(1, "edits:0", 12), 300)
                .check();
        // then
        assertReported(report, PREFIX_GAP, "r1", "w1");
        assertReported(report, PREFIX_GAP, "r1", "w2");
        assertThat(report.count(PREFIX_GAP)).isEqualTo(2);
    }

    @Test
    void shouldNotReportPrefixGapWhenTheWriteWasAppliedBeforeTheRead() {
        assertThat(claimedPosition(150).check().ok()).isTrue();
    }

    static Scenario twoRecordsOfOnePartition(String... order) {
        return Scenario.epoch(1)
                .write("w1", "a", "k1", "edits:0@10", 100)
                .write("w2", "b", "k2", "edits:0@11", 110)
                .write("w3", "c", "k3", "edits:1@0", 120)
                .applies("eu", 200, order);
    }

    @Test
    void shouldReportApplyOrderInversionWhenAReplicaAppliesAgainstLogOrder() {
        Anomaly a = assertReported(twoRecordsOfOnePartition("w2", "w3", "w1").check(), APPLY_ORDER_INVERSION, "w1", "w2");
        assertThat(a.applies()).containsExactly(new ApplyRef("eu", 2), new ApplyRef("eu", 0));
    }

    @Test
    void shouldNotReportApplyOrderInversionWhenOtherPartitionsInterleave() {
        assertThat(twoRecordsOfOnePartition("w1", "w3", "w2").check().ok()).isTrue();
    }

    @Test
    void shouldReportDuplicateApplyWhenAReplayChangesTheStoreTwice() {
        Anomaly a = assertReported(twoRecordsOfOnePartition("w1", "w1", "w2", "w3").check(), DUPLICATE_APPLY, "w1");
        assertThat(a.applies()).containsExactly(new ApplyRef("eu", 0), new ApplyRef("eu", 1));
        assertNotReported(twoRecordsOfOnePartition("w1", "w1", "w2", "w3").check(), APPLY_ORDER_INVERSION);
    }

    @Test
    void shouldNotReportDuplicateApplyWhenEachVersionIsAppliedOnce() {
        assertNotReported(twoRecordsOfOnePartition("w1", "w2", "w3").check(), DUPLICATE_APPLY);
    }

    static Scenario twoVersionsOfAKey(String... usOrder) {
        return Scenario.epoch(1)
                .write("w1", "a", "k", "edits:0@10", 100)
                .write("w3", "a", "k", "edits:0@12", 300)
                .applies("eu", 400, "w1", "w3")
                .applies("us", 400, usOrder);
    }

    @Test
    void shouldReportLostWriteWhenAConvergedReplicaNeverAppliedAnAcknowledgedWrite() {
        CheckReport report = twoVersionsOfAKey("w3").converged().check();
        Anomaly a = assertReported(report, LOST_WRITE, "w1");
        assertThat(a.message()).contains("replica us").contains("edits:0@10");
        assertNotReported(report, DIVERGENCE);
    }

    @Test
    void shouldNotReportLostWriteBeforeConvergence() {
        // given: the same logs, taken while replication was still running
        CheckReport report = twoVersionsOfAKey("w3").check();
        // then: only the session's order shows (w3 applied without w1), nothing is called lost
        assertNotReported(report, LOST_WRITE);
        assertThat(twoVersionsOfAKey("w1", "w3").converged().check().ok()).isTrue();
    }

    @Test
    void shouldReportDivergenceWhenConvergedReplicasEndWithDifferentVersions() {
        // given: us applies the newer version first and then lets the older overwrite it
        CheckReport report = twoVersionsOfAKey("w3", "w1").converged().check();
        // then
        Anomaly a = assertReported(report, DIVERGENCE, "w3", "w1");
        assertThat(a.message()).contains("eu has edits:0@12").contains("us has edits:0@10");
        assertThat(a.applies()).containsExactly(new ApplyRef("eu", 1), new ApplyRef("us", 1));
    }

    @Test
    void shouldNotReportDivergenceWhenConvergedReplicasAgree() {
        assertNotReported(twoVersionsOfAKey("w1", "w3").converged().check(), DIVERGENCE);
    }
}
