package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.replica.ReplicaLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionLaneTest {
    private static final ReplicaLimits LIMITS = ReplicaLimits.defaults();
    private final List<String> events = new ArrayList<>();
    private final PartitionLane lane = new PartitionLane(1, new Recorder());
    private final AppliedView view = new AppliedView(1);

    @Test
    void shouldBatchRecordsInOrderAndMakeThemCommittableOnlyWhenDurable() {
        // given three records and a watermark on partition 1
        lane.add(10, TestRecords.upsert("a", 1, 100, TestRecords.none()), 50);
        lane.add(11, TestRecords.watermark(1, 101), 20);
        lane.add(12, TestRecords.upsert("b", 1, 102, TestRecords.none()), 50);

        // when the next batch is taken
        PartitionLane.Batch batch = lane.next(view, LIMITS, 0);

        // then it holds all three in order, keeps them (nothing is done yet), and no second batch starts meanwhile
        // (the shared consume loop commits only records that are done: ConsumeLoopTest)
        assertThat(batch.entries()).extracting(PartitionLane.Pending::offset).containsExactly(10L, 11L, 12L);
        assertThat(lane.buffered()).isEqualTo(3);
        lane.add(13, TestRecords.upsert("c", 1, 103, TestRecords.none()), 50);
        assertThat(lane.next(view, LIMITS, 0)).isNull();

        // when it is durable, the lane lets its records go and the next batch starts
        lane.completed(batch);
        assertThat(lane.buffered()).isEqualTo(1);
        assertThat(lane.inFlight()).isFalse();
        assertThat(lane.next(view, LIMITS, 0).entries()).hasSize(1);
    }

    @Test
    void shouldStopTheBatchAtARecordWhoseDependenciesAreMissingAndBlockWhenItIsFirst() {
        // given a record, then one that depends on edits:0@5, which the region has not applied
        lane.add(1, TestRecords.upsert("a", 1, 10, TestRecords.none()), 10);
        lane.add(2, TestRecords.upsert("b", 1, 11, TestRecords.deps(0, 5)), 10);

        // when batches are taken
        PartitionLane.Batch first = lane.next(view, LIMITS, 0);
        lane.completed(first);
        PartitionLane.Batch second = lane.next(view, LIMITS, 1_000);

        // then the first batch stops before it, and then the lane blocks and wants its partition paused
        assertThat(first.entries()).hasSize(1);
        assertThat(second).isNull();
        assertThat(lane.blocked()).isTrue();
        assertThat(lane.wantsPause(LIMITS, 1_000)).isTrue();
        assertThat(lane.blockedOn()).singleElement().satisfies(s -> assertThat(s.need()).isEqualTo(5));
        assertThat(events).containsExactly("wait-started 2");

        // when the region applies edits:0@5, the record goes, and the wait is reported with its length
        view.advance(TestRecords.watermark(0, 5).source());
        assertThat(lane.next(view, LIMITS, 1_400).entries()).hasSize(1);
        assertThat(events).containsExactly("wait-started 2", "wait-ended 2 400ms");
        assertThat(lane.wantsPause(LIMITS, 1_400)).isFalse();
    }

    @Test
    void shouldTakeADependencyOnAnEarlierRecordOfTheSameBatchAsCovered() {
        // given a session's two writes on partition 1, the second depending on the first
        lane.add(1, TestRecords.upsert("a", 1, 10, TestRecords.none()), 10);
        lane.add(2, TestRecords.upsert("b", 1, 11, TestRecords.deps(1, 10)), 10);

        // then both go in one atomic batch
        assertThat(lane.next(view, LIMITS, 0).entries()).hasSize(2);
    }

    @Test
    void shouldReportAWaitPastTheBoundOnceAndKeepWaiting() {
        // given a blocked record
        lane.add(7, TestRecords.upsert("b", 1, 11, TestRecords.deps(0, 5)), 10);
        lane.next(view, LIMITS, 0);

        // when time passes the alert bound twice
        long alert = LIMITS.dependencyWaitAlert().toMillis();
        lane.checkWait(alert - 1, alert);
        lane.checkWait(alert, alert);
        lane.checkWait(alert * 3, alert);

        // then it is reported once, and the record is still held
        assertThat(events).containsExactly("wait-started 7", "wait-exceeded 7");
        assertThat(lane.next(view, LIMITS, alert * 3)).isNull();
        assertThat(lane.buffered()).isEqualTo(1);
    }

    @Test
    void shouldCutBatchesAtTheRecordAndByteLimitsButNeverLeaveABigRecordBehind() {
        // given limits of 2 records or 1 KiB, and records of 600, 600 and 5,000 bytes
        ReplicaLimits limits = LIMITS.withBatch(2, 1024);
        lane.add(1, TestRecords.upsert("a", 1, 1, TestRecords.none()), 600);
        lane.add(2, TestRecords.upsert("b", 1, 2, TestRecords.none()), 600);
        lane.add(3, TestRecords.upsert("c", 1, 3, TestRecords.none()), 5_000);

        // then the first batch is cut by bytes, the big record goes alone, and limit hits are counted
        PartitionLane.Batch first = lane.next(view, limits, 0);
        assertThat(first.entries()).hasSize(1);
        lane.completed(first);
        PartitionLane.Batch second = lane.next(view, limits, 0);
        assertThat(second.entries()).hasSize(1);
        lane.completed(second);
        assertThat(lane.next(view, limits, 0).entries()).hasSize(1);
        assertThat(events).containsExactly("limit", "limit");
    }

    @Test
    void shouldKeepAFailedBatchAndRetryItAfterTheBackoff() {
        // given a batch in flight that fails at t=100 with a 200 ms backoff
        lane.add(1, TestRecords.upsert("a", 1, 1, TestRecords.none()), 10);
        PartitionLane.Batch batch = lane.next(view, LIMITS, 0);
        lane.failed(batch, 100, 200);

        // then the partition is paused and nothing is retried before t=300, then the same record is
        assertThat(lane.wantsPause(LIMITS, 299)).isTrue();
        assertThat(lane.next(view, LIMITS, 299)).isNull();
        assertThat(lane.next(view, LIMITS, 300).entries()).extracting(PartitionLane.Pending::offset)
                .containsExactly(1L);
        assertThat(lane.buffered()).isEqualTo(1);
    }

    @Test
    void shouldStopThePartitionAtAnUnreadableRecord() {
        // given a good record, then an unreadable one
        lane.add(1, TestRecords.upsert("a", 1, 1, TestRecords.none()), 10);
        lane.addUnreadable(2, "not JSON");

        // then the good record is applied, the partition stops at the bad one and stays paused
        PartitionLane.Batch batch = lane.next(view, LIMITS, 0);
        assertThat(batch.entries()).hasSize(1);
        lane.completed(batch);
        assertThat(lane.next(view, LIMITS, 0)).isNull();
        assertThat(lane.isStuck()).isTrue();
        assertThat(lane.wantsPause(LIMITS, 0)).isTrue();
        assertThat(events).containsExactly("stuck 2 not JSON");
    }

    @Test
    void shouldFollowALaterEpochOfDependenciesAndNoLongerWaitOnAnEarlierOne() {
        // given the region at edits:1@40 in epoch 1, and a record of a session of epoch 2 after the bump
        view.advance(TestRecords.watermark(1, 40).source());
        lane.add(1, TestRecords.upsert("a", 1, 3, Position.of(2, TestRecords.TOPIC, 0, 1)), 10);

        // then the view moves to epoch 2, empty (offsets of epoch 1 cover nothing in it), and the record waits
        // for what its session saw in epoch 2
        assertThat(lane.next(view, LIMITS, 0)).isNull();
        assertThat(view.epoch()).isEqualTo(2);
        assertThat(view.position().offsets()).isEmpty();
        assertThat(lane.blockedOn()).singleElement().satisfies(s -> assertThat(s.need()).isEqualTo(1));
        assertThat(lane.isStuck()).isFalse();

        // and a record still in flight from epoch 1, depending on what epoch 2 never saw, goes at once
        PartitionLane other = new PartitionLane(2, new Recorder());
        other.add(9, TestRecords.upsert("b", 2, 50, TestRecords.deps(2, 49)), 10);
        assertThat(other.next(view, LIMITS, 0).entries()).hasSize(1);
        assertThat(view.epoch()).isEqualTo(2);
    }

    @Test
    void shouldAskForAPauseWhenTheBufferIsFull() {
        ReplicaLimits limits = LIMITS.withMaxBufferedRecords(2);
        lane.add(1, TestRecords.upsert("a", 1, 1, TestRecords.none()), 10);
        assertThat(lane.wantsPause(limits, 0)).isFalse();
        lane.add(2, TestRecords.upsert("b", 1, 2, TestRecords.none()), 10);
        assertThat(lane.wantsPause(limits, 0)).isTrue();
    }

    private final class Recorder implements LaneListener {
        @Override
        public void dependencyWaitStarted(int partition, long offset, List<Position.Shortfall> missing) {
            events.add("wait-started " + offset);
        }

        @Override
        public void dependencyWaitEnded(int partition, long offset, long waitedMs) {
            events.add("wait-ended " + offset + " " + waitedMs + "ms");
        }

        @Override
        public void dependencyWaitExceeded(int partition, long offset, List<Position.Shortfall> missing,
                long waitedMs) {
            events.add("wait-exceeded " + offset);
        }

        @Override
        public void batchLimitHit(int partition) {
            events.add("limit");
        }

        @Override
        public void stuck(int partition, long offset, String reason) {
            events.add("stuck " + offset + " " + reason);
        }
    }
}
