package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PositionBoardTest {
    private static final TopicPartitionKey P0 = TopicPartitionKey.of(TestRecords.TOPIC, 0);
    private static final TopicPartitionKey P1 = TopicPartitionKey.of(TestRecords.TOPIC, 1);
    private final PositionBoard board = new PositionBoard();

    @AfterEach
    void close() {
        board.close();
    }

    @Test
    void shouldOnlyMovePositionsForwardKeepingTheSourceDtOfTheSideAhead() {
        // given eqiad at p0=10 (dt t10) and p1=5
        board.offer(position("eqiad", 1, Map.of(P0, 10L, P1, 5L), Map.of(P0, at(10))));

        // when an older p0 and a newer p1 arrive
        board.offer(position("eqiad", 1, Map.of(P0, 7L, P1, 9L), Map.of(P0, at(7), P1, at(9))));

        // then p0 stays at 10 with its dt, p1 moves to 9
        RegionPosition now = board.current("eqiad").orElseThrow();
        assertThat(now.applied()).isEqualTo(Position.of(1, Map.of(P0, 10L, P1, 9L)));
        assertThat(now.sourceDt(P0)).isEqualTo(at(10));
        assertThat(now.sourceDt(P1)).isEqualTo(at(9));
    }

    @Test
    void shouldReplaceAPositionOfAnOlderEpochAndIgnoreOneOfAnOlderEpoch() {
        board.offer(position("eqiad", 1, Map.of(P0, 100L), Map.of()));
        board.offer(position("eqiad", 2, Map.of(P0, 3L), Map.of()));
        board.offer(position("eqiad", 1, Map.of(P0, 200L), Map.of()));

        assertThat(board.current("eqiad").orElseThrow().applied()).isEqualTo(Position.of(2, TestRecords.TOPIC, 0, 3));
    }

    @Test
    void shouldWakeAWaitingReaderOnTheOfferThatCoversIt() {
        // given a reader waiting for eqiad to reach p0=10, with a long timeout
        CompletableFuture<RegionPosition> waiting = board.await("eqiad",
                p -> p.applied().offset(P0) >= 10, Duration.ofMinutes(1));
        board.offer(position("eqiad", 1, Map.of(P0, 9L), Map.of()));
        assertThat(waiting).isNotDone();
        assertThat(board.waiting()).isEqualTo(1);

        // when an offer covers it
        board.offer(position("eqiad", 1, Map.of(P0, 10L), Map.of()));

        // then it completes at once with that position, and no longer counts as waiting
        assertThat(waiting).isCompletedWithValueMatching(p -> p.applied().offset(P0) == 10);
        assertThat(board.waiting()).isZero();
    }

    @Test
    void shouldCompleteAtOnceWhenAlreadyCoveredAndWithNullWhenTheWaitIsOver() {
        board.offer(position("eqiad", 1, Map.of(P0, 10L), Map.of()));

        assertThat(board.await("eqiad", p -> true, Duration.ofMinutes(1))).isCompleted();
        assertThat(board.await("codfw", p -> true, Duration.ofMillis(1)).join()).isNull();
        assertThat(board.waiting()).isZero();
    }

    private static RegionPosition position(String region, long epoch, Map<TopicPartitionKey, Long> offsets,
            Map<TopicPartitionKey, Instant> dts) {
        Map<String, Instant> byEntry = new HashMap<>();
        dts.forEach((k, v) -> byEntry.put(k.toString(), v));
        return new RegionPosition(region, Position.of(epoch, offsets), byEntry, TestRecords.T0);
    }

    private static Instant at(long seconds) {
        return TestRecords.T0.plusSeconds(seconds);
    }
}
