package dev.ripple.monitor.lag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.monitor.lag.LagSnapshot;
import dev.ripple.monitor.lag.LagStatus;
import dev.ripple.monitor.lag.Membership;
import dev.ripple.monitor.lag.PartitionLag;
import dev.ripple.monitor.lag.RippleGroup;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker is driven by readings and a controllable time: no Kafka, no sleeping. */
class LagTrackerTest {
    private static final RippleGroup GROUP = new RippleGroup("ripple-replica-eqiad", "replica", "eqiad");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static Reading reading(long committed, long end, long firstTimestamp, String owner) {
        return new Reading(List.of(new Reading.Group(GROUP, owner == null ? "Empty" : "Stable",
                owner == null ? Membership.EMPTY : Membership.STABLE, owner == null ? 0 : 1,
                List.of(new Reading.Partition("ripple.replicate.eqiad", 0, committed, 0, end, firstTimestamp, false,
                        owner)), null)), List.of());
    }

    @Test
    void shouldMeasureTimeLagAsTheAgeOfTheFirstUnconsumedRecordAndGrowItWithTheClock() {
        // given a stopped group whose first unconsumed record was written at T0
        LagTracker tracker = new LagTracker(3, 10);

        // when it is sampled 5 s and then 9 s later
        LagSnapshot early = tracker.record(reading(10, 12, T0.toEpochMilli(), null), T0.plusSeconds(5));
        LagSnapshot later = tracker.record(reading(10, 15, T0.toEpochMilli(), null), T0.plusSeconds(9));

        // then time lag is exactly the record's age at each sample, and records lag is exact
        PartitionLag p = later.groups().get(0).partitions().get(0);
        assertThat(early.groups().get(0).timeLagMs()).isEqualTo(5_000);
        assertThat(p.timeLagMs()).isEqualTo(9_000);
        assertThat(p.lag()).isEqualTo(5);
        assertThat(later.groups().get(0).lag()).isEqualTo(5);
    }

    @Test
    void shouldReportZeroAndOkForACaughtUpGroupOnAnIdleTopicHoweverOldItsLastRecord() {
        LagTracker tracker = new LagTracker(3, 10);

        LagSnapshot snapshot = null;
        for (int i = 0; i < 5; i++) {
            snapshot = tracker.record(reading(42, 42, -1, null), T0.plusSeconds(3_600L * i));
        }

        assertThat(snapshot.groups().get(0).timeLagMs()).isZero();
        assertThat(snapshot.groups().get(0).lag()).isZero();
        assertThat(snapshot.groups().get(0).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldStopAtTheFirstSampleOfAnEmptyGroupWithLagAndRecoverOnceDrained() {
        LagTracker tracker = new LagTracker(3, 10);
        long written = T0.toEpochMilli();

        tracker.record(reading(10, 10, -1, "replica-1"), T0.plusSeconds(1));
        LagSnapshot stopped = tracker.record(reading(10, 12, written, null), T0.plusSeconds(2));
        LagSnapshot drained = tracker.record(reading(12, 12, -1, "replica-1"), T0.plusSeconds(3));

        assertThat(stopped.groups().get(0).status()).isEqualTo(LagStatus.STOP);
        assertThat(stopped.groups().get(0).reason()).startsWith("ripple.replicate.eqiad-0: no live member");
        assertThat(stopped.groups().get(0).members()).isZero();
        assertThat(drained.groups().get(0).status()).isEqualTo(LagStatus.OK);
        assertThat(drained.groups().get(0).timeLagMs()).isZero();
    }

    @Test
    void shouldStopAnUnownedPartitionOfAGroupWithMembersOnlyAfterAFullWindowWithoutProgress() {
        LagTracker tracker = new LagTracker(3, 10);
        Reading unowned = new Reading(List.of(new Reading.Group(GROUP, "Stable", Membership.STABLE, 1, List.of(
                new Reading.Partition("ripple.replicate.eqiad", 0, 10, 0, 12, T0.toEpochMilli(), false, null)),
                null)), List.of());

        LagSnapshot early = tracker.record(unowned, T0.plusSeconds(1));
        tracker.record(unowned, T0.plusSeconds(2));
        LagSnapshot late = tracker.record(unowned, T0.plusSeconds(3));

        assertThat(early.groups().get(0).status()).isEqualTo(LagStatus.OK);
        assertThat(late.groups().get(0).status()).isEqualTo(LagStatus.STOP);
        assertThat(late.groups().get(0).reason()).contains("unchanged for 2.0 s");
    }

    @Test
    void shouldCountOnlyTransactionMarkersAsCaughtUp() {
        LagTracker tracker = new LagTracker(3, 10);
        Reading markersOnly = new Reading(List.of(new Reading.Group(GROUP, "Stable", Membership.STABLE, 1, List.of(
                new Reading.Partition("t", 0, 10, 0, 11, -1, true, "c")), null)), List.of());

        LagSnapshot snapshot = tracker.record(markersOnly, T0);

        assertThat(snapshot.groups().get(0).lag()).isZero();
        assertThat(snapshot.groups().get(0).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldKeepABoundedHistoryPerGroupAndForgetGroupsThatVanish() {
        LagTracker tracker = new LagTracker(3, 4);
        for (int i = 0; i < 10; i++) {
            tracker.record(reading(i, i + 1, T0.toEpochMilli(), "c"), T0.plusSeconds(i));
        }

        assertThat(tracker.history(GROUP.id())).hasSize(4).first()
                .satisfies(point -> assertThat(point.at()).isEqualTo(T0.plusSeconds(6)));

        tracker.record(new Reading(List.of(), List.of()), T0.plusSeconds(11));
        assertThat(tracker.history(GROUP.id())).isEmpty();
    }
}
