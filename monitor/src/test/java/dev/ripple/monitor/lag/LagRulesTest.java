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

    /** Samples one second apart: {committed, lag} pairs. */
    private static List<LagRules.Sample> samples(boolean owned, long[]... committedAndLag) {
        List<LagRules.Sample> window = new ArrayList<>();
        for (int i = 0; i < committedAndLag.length; i++) {
            window.add(new LagRules.Sample(T0.plusSeconds(i), committedAndLag[i][0], 0, committedAndLag[i][1], owned,
                    null));
        }
        return window;
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
        var failed = LagRules.evaluate(List.of(new LagRules.Sample(T0, 10, 0, 0, true, "timeout")), WINDOW);
        var deleted = LagRules.evaluate(List.of(new LagRules.Sample(T0, 10, 50, 40, true, null)), WINDOW);

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
        assertThat(LagStatus.worst(List.of())).isEqualTo(LagStatus.OK);
    }
}
