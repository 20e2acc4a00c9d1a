package dev.ripple.consistency.history;

import static dev.ripple.consistency.history.AnomalyType.REGRESSING_READ;
import static dev.ripple.consistency.history.AnomalyType.STALE_OWN_WRITE;
import static dev.ripple.consistency.history.AnomalyType.TOKEN_REGRESSION;
import static dev.ripple.consistency.history.AnomalyType.TOKEN_RESURRECTION;
import static dev.ripple.consistency.history.Reports.assertNotReported;
import static dev.ripple.consistency.history.Reports.assertReported;
import static dev.ripple.consistency.history.Scenario.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import org.junit.jupiter.api.Test;

/**
 * Session anomalies, after Terry et al., "Session Guarantees for Weakly Consistent Replicated Data" (PDIS 1994),
 * and Azure Cosmos DB's session tokens (every write returns an updated token that the client sends with later
 * requests). token-resurrection has no counterpart there: its histories follow DESIGN.md section 5 (a token
 * from an older epoch is refused, never treated as "no token").
 */
class SessionAnomaliesTest {

    /** Bayou's read-your-writes example: a user changes her password, then logs in at a server lacking the change. */
    static Scenario passwordChange(ReadOp.Outcome outcome, String returned, long appliedAtUs) {
        return Scenario.epoch(1)
                .write("w1", "alice", "password:alice", "edits:2@10", 100)
                .applies("eu", 105, "w1")
                .read("r1", "alice", "password:alice", "us", outcome, returned, pos(1, "edits:2", appliedAtUs), 200);
    }

    @Test
    void shouldReportStaleOwnWriteWhenLoginReadMissesTheSessionsPasswordChange() {
        // given: us serves alice's read although it has applied edits:2 only up to 9, returning the old password
        CheckReport report = passwordChange(ReadOp.Outcome.OK, "edits:2@7", 9).check();
        // then
        Anomaly a = assertReported(report, STALE_OWN_WRITE, "r1", "w1");
        assertThat(a.message()).contains("edits:2@7").contains("edits:2@10");
    }

    @Test
    void shouldNotReportStaleOwnWriteWhenTheReadWaitedForTheSessionsWrite() {
        CheckReport report = passwordChange(ReadOp.Outcome.WAITED, "edits:2@10", 10).check();
        assertNotReported(report, STALE_OWN_WRITE);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void shouldNotReportStaleOwnWriteWhenAnotherSessionReadsTheOldValue() {
        CheckReport report = Scenario.epoch(1)
                .write("w1", "alice", "password:alice", "edits:2@10", 100)
                .read("r1", "mallory", "password:alice", "us", "edits:2@7", pos(1, "edits:2", 9), 200)
                .check();
        assertNotReported(report, STALE_OWN_WRITE);
    }

    /** Bayou's monotonic-reads example: a message seen in the mailbox vanishes when read at another server. */
    static Scenario mailbox(String secondReturned, long secondApplied) {
        return Scenario.epoch(1)
                .write("w0", "mta", "inbox:bob", "edits:1@20", 100)
                .read("r1", "bob", "inbox:bob", "eu", "edits:1@20", pos(1, "edits:1", 20), 200)
                .read("r2", "bob", "inbox:bob", "us", secondReturned, pos(1, "edits:1", secondApplied), 300);
    }

    @Test
    void shouldReportRegressingReadWhenASecondServerReturnsAnOlderMailbox() {
        CheckReport report = mailbox("edits:1@18", 18).check();
        assertReported(report, REGRESSING_READ, "r2", "r1");
        assertNotReported(report, STALE_OWN_WRITE);
    }

    @Test
    void shouldNotReportRegressingReadWhenTheSecondServerHasCaughtUp() {
        CheckReport report = mailbox("edits:1@20", 21).check();
        assertThat(report.ok()).isTrue();
    }

    @Test
    void shouldReportRegressingReadWhenAKeyVanishesForTheSession() {
        CheckReport report = mailbox(null, 18).check();
        assertReported(report, REGRESSING_READ, "r2", "r1");
    }

    @Test
    void shouldReportTokenRegressionWhenAWriteReturnsATokenWithoutItsOwnVersion() {
        // given: Cosmos DB's rule: the token returned by a write carries that write's LSN
        CheckReport report = Scenario.epoch(1)
                .op(WriteOp.ok("w1", "alice", "k", 100, 101, Dot.parse("edits:0@10"), null, pos(1, "edits:0", 9)))
                .check();
        // then
        Anomaly a = assertReported(report, TOKEN_REGRESSION, "w1");
        assertThat(a.message()).contains("does not cover its own version edits:0@10");
    }

    @Test
    void shouldReportTokenRegressionWhenTheClientPresentsAnOlderTokenThanItWasGiven() {
        // given: alice's write returned {edits:0:10}, but her next read presents {edits:0:4}
        Scenario s = Scenario.epoch(1).write("w1", "alice", "k", "edits:0@10", 100);
        s.op(new ReadOp("r1", "alice", "k", "eu", 200, 201, ReadOp.Outcome.OK, Dot.parse("edits:0@10"),
                pos(1, "edits:0", 10), pos(1, "edits:0", 4), pos(1, "edits:0", 10), null));
        // then
        assertReported(s.check(), TOKEN_REGRESSION, "r1", "w1");
    }

    @Test
    void shouldReportTokenRegressionWhenAReadReturnsLessThanItWasPresented() {
        Scenario s = Scenario.epoch(1).write("w1", "alice", "k", "edits:0@10", 100);
        s.op(new ReadOp("r1", "alice", "j", "eu", 200, 201, ReadOp.Outcome.OK, null,
                pos(1, "edits:0", 10), s.token("alice"), pos(1, "edits:1", 3), null));
        assertReported(s.check(), TOKEN_REGRESSION, "r1");
    }

    @Test
    void shouldNotReportTokenRegressionWhenEveryOperationPassesTheLatestToken() {
        CheckReport report = Scenario.epoch(1)
                .write("w1", "alice", "k", "edits:0@10", 100)
                .read("r1", "alice", "k", "eu", "edits:0@10", pos(1, "edits:0", 12, "edits:1", 3), 200)
                .write("w2", "alice", "j", "edits:1@4", 300)
                .read("r2", "alice", "j", "us", ReadOp.Outcome.REFUSED, null, pos(1, "edits:0", 12, "edits:1", 3), 400)
                .check();
        assertThat(report.ok()).isTrue();
    }

    @Test
    void shouldNotReportTokenRegressionWhenTheClientStartsOverAfterA410() {
        // given: alice's epoch-1 read is refused with no token returned, and she reads again without one
        Scenario s = Scenario.epoch(1).write("w1", "alice", "k", "edits:0@10", 100);
        s.op(new ReadOp("r1", "alice", "k", "eu", 300, 301, ReadOp.Outcome.REFUSED, null, null, s.token("alice"),
                null, null));
        s.op(new ReadOp("r2", "alice", "k", "eu", 400, 401, ReadOp.Outcome.OK, Dot.parse("edits:0@0"),
                pos(2, "edits:0", 0), null, pos(2, "edits:0", 0), null));
        // then
        assertThat(s.check().ok()).isTrue();
    }

    /** The source topic is recreated (epoch 1 to 2) between alice's write and her read. */
    static Scenario recreatedTopic(ReadOp.Outcome outcome) {
        return Scenario.epoch(1)
                .write("w1", "alice", "k", "edits:0@10", 100)
                .op(WriteOp.ok("w2", "bob", "j", 200, 201, Dot.parse("edits:0@0"), null, pos(2, "edits:0", 0)))
                .read("r1", "alice", "k", "eu", outcome, outcome.served() ? "edits:0@0" : null, pos(2, "edits:0", 0), 300);
    }

    @Test
    void shouldReportTokenResurrectionWhenAReadWithAnOlderEpochTokenIsServed() {
        CheckReport report = recreatedTopic(ReadOp.Outcome.OK).check();
        Anomaly a = assertReported(report, TOKEN_RESURRECTION, "r1");
        assertNotReported(report, STALE_OWN_WRITE);
        assertThat(a.measures()).containsEntry("token_epoch", 1L).containsEntry("epoch", 2L);
        assertThat(a.message()).contains("410");
    }

    @Test
    void shouldNotReportTokenResurrectionWhenTheOlderEpochTokenIsRefused() {
        assertNotReported(recreatedTopic(ReadOp.Outcome.REFUSED).check(), TOKEN_RESURRECTION);
    }

    @Test
    void shouldReportTokenResurrectionNamingTheOperationThatHadAlreadySeenTheNewEpoch() {
        // given: alice's write with her epoch-1 token is acknowledged with an epoch-1 token, after bob's epoch-2 write
        Scenario s = recreatedTopic(ReadOp.Outcome.REFUSED);
        s.op(WriteOp.ok("w3", "alice", "k", 400, 401, Dot.parse("edits:0@11"), s.token("alice"), pos(1, "edits:0", 11)));
        // then
        assertReported(s.check(), TOKEN_RESURRECTION, "w3", "w2");
    }

    @Test
    void shouldReportTokenResurrectionWhenTheProducerSilentlyUpgradesAnOldToken() {
        // given: alice's epoch-1 token is accepted by the intake, which answers with an epoch-2 token
        Scenario s = Scenario.epoch(1).write("w1", "alice", "k", "edits:0@10", 100);
        s.op(WriteOp.ok("w2", "alice", "k", 200, 201, Dot.parse("edits:0@0"), s.token("alice"), pos(2, "edits:0", 0)));
        // then
        assertReported(s.check(), TOKEN_RESURRECTION, "w2");
    }
}
