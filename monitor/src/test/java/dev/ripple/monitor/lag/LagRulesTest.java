package dev.ripple.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final int WINDOW = 4;

    /** Samples one second apart of a group with members: {committed, lag} pairs. */
    private static List<LagRules.Sample> samples(boolean owned, long[]... committedAndLag) {
        return samples(Membership.STABLE, owned, committedAndLag);
    }

    private static List<LagRules.Sample> samples(Membership membership, boolean owned, long[]... committedAndLag) {
        List<LagRules.Sample> window = new ArrayList<>();
        for (int i = 0; i < committedAndLag.length; i++) {
            window.add(new LagRules.Sample(T0.plusSeconds(i), committedAndLag[i][0], 0, committedAndLag[i][1], owned,
                    membership, null));
        }
        return window;
    }

    /** {@code window} with its latest sample taken while the group was {@code now}. */
    private static List<LagRules.Sample> then(List<LagRules.Sample> window, Membership now) {
        List<LagRules.Sample> changed = new ArrayList<>(window);
        LagRules.Sample last = changed.remove(changed.size() - 1);
        changed.add(new LagRules.Sample(last.at(), last.committed(), last.logStart(), last.lag(), false, now, null));
        return changed;
    }

    private static long[] s(long committed, long lag) {
        return new long[] {committed, lag};
    }

    @Test
    void shouldBeOkWhenCaughUpEvenIfNoMemberHasBeenThereForTheWholeWindow() {
        var verdict = LagRules.evaluate(samples(false, s(10, 0), s(10, 0), s(10, 0), s(10, 0)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.OK);
        assertThat(verdict.reason()).isEqualTo("caught up");
    }

    @Test
    void shouldBeOkWhenLagWasZeroSomewhereInTheWindow() {
        var verdict = LagRules.evaluate(samples(false, s(10, 0), s(10, 1), s(10, 2), s(10, 3)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldStopWhenNoMemberOwnsALaggingPartitionWhoseOffsetStoodStillForAFullWindow() {
        var verdict = LagRules.evaluate(samples(false, s(10, 1), s(10, 2), s(10, 3), s(10, 4)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.STOP);
        assertThat(verdict.reason()).contains("no live member", "unchanged for 3.0 s", "lag 4");
    }

    @Test
    void shouldStallWhenALiveMemberOwnsTheLaggingPartitionButDoesNotCommit() {
        var verdict = LagRules.evaluate(samples(true, s(10, 5), s(10, 5), s(10, 5), s(10, 5)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.STALL);
    }

    @Test
    void shouldStopAtOnceWhenTheGroupLostItsLastMemberWhileThePartitionHasLag() {
        // given a member that kept up (lag 0 now and then), then was killed: the broker expired it, the group is empty
        var window = then(samples(true, s(10, 0), s(12, 1), s(12, 3)), Membership.EMPTY);

        // when the partition is evaluated
        var verdict = LagRules.evaluate(window, WINDOW);

        // then STOP at the first such sample, neither a full window later nor hidden by "caught up within the window"
        assertThat(verdict.status()).isEqualTo(LagStatus.STOP);
        assertThat(verdict.reason()).contains("no live member", "the group has none", "lag 3");
    }

    @Test
    void shouldStayOkWhenTheGroupIsEmptyButCaughtUp() {
        var verdict = LagRules.evaluate(samples(Membership.EMPTY, false, s(10, 0)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.OK);
        assertThat(verdict.reason()).isEqualTo("caught up");
    }

    @Test
    void shouldReportRebalancingAtOnceWhileTheGroupMovesALaggingPartition() {
        var lagging = LagRules.evaluate(then(samples(true, s(10, 0), s(12, 2)), Membership.REBALANCING), WINDOW);
        var caughtUp = LagRules.evaluate(then(samples(true, s(10, 0), s(12, 0)), Membership.REBALANCING), WINDOW);

        assertThat(lagging.status()).isEqualTo(LagStatus.REBALANCING);
        assertThat(lagging.reason()).contains("rebalancing", "lag 2");
        assertThat(caughtUp.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldNotCallAPartitionStoppedFromOwnersThatKafkaDoesNotListDuringARebalance() {
        // a full window without owners: Kafka lists no assignment while a classic group rebalances
        var verdict = LagRules.evaluate(samples(Membership.REBALANCING, false, s(10, 1), s(10, 2), s(10, 3),
                s(10, 4)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.REBALANCING);
    }

    @Test
    void shouldWaitForAFullWindowBeforeCallingAPartitionStopped() {
        var verdict = LagRules.evaluate(samples(false, s(10, 1), s(10, 2), s(10, 3)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.OK);
        assertThat(verdict.reason()).contains("watching (3 of 4 samples)");
    }

    @Test
    void shouldWarnWhenConsumingButLagNeverShrinks() {
        var verdict = LagRules.evaluate(samples(true, s(10, 5), s(12, 6), s(14, 6), s(16, 9)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.WARN);
        assertThat(verdict.reason()).contains("from 5 to 9");
    }

    @Test
    void shouldBeOkWhenConsumingAndLagShrinksAtLeastOnce() {
        var verdict = LagRules.evaluate(samples(true, s(10, 5), s(12, 6), s(14, 4), s(16, 9)), WINDOW);

        assertThat(verdict.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldRewindWhenTheCommittedOffsetGoesBackUntilTheGroupCatchesUp() {
        var rewound = LagRules.evaluate(samples(true, s(10, 0), s(10, 0), s(3, 7), s(5, 5)), WINDOW);
        var recovered = LagRules.evaluate(samples(true, s(10, 0), s(3, 7), s(10, 0), s(10, 0)), WINDOW);

        assertThat(rewound.status()).isEqualTo(LagStatus.REWIND);
        assertThat(rewound.reason()).contains("from 10 to 3");
        assertThat(recovered.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldErrWhenTheSampleFailedOrRecordsWereDeletedUnread() {
        var failed = LagRules.evaluate(List.of(new LagRules.Sample(T0, 10, 0, 0, true, Membership.STABLE, "timeout")), WINDOW);
        var deleted = LagRules.evaluate(List.of(new LagRules.Sample(T0, 10, 50, 40, true, Membership.STABLE, null)), WINDOW);

        assertThat(failed.status()).isEqualTo(LagStatus.ERR);
        assertThat(failed.reason()).isEqualTo("timeout");
        assertThat(deleted.status()).isEqualTo(LagStatus.ERR);
        assertThat(deleted.reason()).contains("below the log start 50");
    }

    @Test
    void shouldRefuseAnEmptyWindowOrAWindowSizeBelowTwo() {
        assertThatThrownBy(() -> LagRules.evaluate(List.of(), WINDOW)).hasMessageContaining("empty");
        assertThatThrownBy(() -> LagRules.evaluate(samples(true, s(1, 0)), 1)).hasMessageContaining("windowSize");
    }

    @Test
    void shouldOrderGroupStatusBySeverity() {
        assertThat(LagStatus.worst(List.of(LagStatus.OK, LagStatus.STOP, LagStatus.WARN))).isEqualTo(LagStatus.STOP);
        assertThat(LagStatus.worst(List.of(LagStatus.WARN, LagStatus.REBALANCING))).isEqualTo(LagStatus.REBALANCING);
        assertThat(LagStatus.worst(List.of(LagStatus.REBALANCING, LagStatus.STALL))).isEqualTo(LagStatus.STALL);
        assertThat(LagStatus.worst(List.of())).isEqualTo(LagStatus.OK);
    }
}
