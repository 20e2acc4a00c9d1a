package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.Purges;
import dev.ripple.events.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartitionTrackerTest {

    @Test
    void shouldCommitAndAdvanceOnlyOverThePrefixOfCompletedRecords() {
        // given three records read, the second and third done first
        PartitionTracker tracker = new PartitionTracker(Map.of());
        tracker.track(10, Purges.source(0, 100));
        tracker.track(11, Purges.source(0, 101));
        tracker.track(13, Purges.source(0, 103));
        tracker.complete(11);
        tracker.complete(13);

        // then nothing can be committed while the first is in flight
        assertThat(tracker.advance()).isFalse();
        assertThat(tracker.toCommit()).isEqualTo(-1);
        assertThat(tracker.pending()).isEqualTo(3);

        // when the first is done
        tracker.complete(10);

        // then the offset after the last and its source position can be committed
        assertThat(tracker.advance()).isTrue();
        assertThat(tracker.toCommit()).isEqualTo(14);
        assertThat(tracker.advanced()).containsEntry(Purges.SOURCE, Purges.source(0, 103));
        assertThat(tracker.pending()).isZero();
        tracker.committed(14);
        assertThat(tracker.toCommit()).isEqualTo(-1);
    }

    @Test
    void shouldKeepThePositionOfUnreadableRecordsAndOfTheCommittedMetadata() {
        SourcePosition committed = Purges.source(2, 50);
        PartitionTracker tracker = new PartitionTracker(Map.of(Purges.SOURCE, committed));
        tracker.track(7, null);
        tracker.complete(7);

        tracker.advance();

        assertThat(tracker.toCommit()).isEqualTo(8);
        assertThat(tracker.advanced()).containsEntry(Purges.SOURCE, committed);
        assertThat(tracker.complete(99)).isFalse();
    }

    @Test
    void shouldRoundTripThePositionThroughTheOffsetsMetadata() {
        Map<String, SourcePosition> advanced = Map.of(Purges.SOURCE, Purges.source(4, 123),
                "ripple.stream.other", new SourcePosition("ripple.stream.other", 4, 7, Purges.source(4, 1).dt()));

        String metadata = CommitMetadata.encode(advanced);

        assertThat(metadata).startsWith("v1;ripple.stream.edits=123@");
        assertThat(CommitMetadata.decode(metadata, 4)).isEqualTo(advanced);
        assertThat(CommitMetadata.decode(null, 4)).isEmpty();
        assertThat(CommitMetadata.decode("v1;garbage;x=y@z", 4)).isEmpty();
    }

    @Property(tries = 200)
    void shouldCommitExactlyTheCompletedPrefixWhateverTheOrderOfCompletion(@ForAll("completions") List<Integer> order,
            @ForAll @IntRange(min = 1, max = 5) int gap) {
        // given records at offsets with gaps (transaction markers), more than the tracker's first capacity
        PartitionTracker tracker = new PartitionTracker(Map.of());
        int count = order.size();
        for (int i = 0; i < count; i++) {
            tracker.track((long) i * gap, Purges.source(0, i));
        }
        TreeSet<Integer> open = new TreeSet<>(order);

        // when they complete in any order, advancing after each, then more are read
        for (int i : order) {
            assertThat(tracker.complete((long) i * gap)).isTrue();
            open.remove(i);
            tracker.advance();
            int prefix = open.isEmpty() ? count : open.first();
            // then the committable offset is right after the completed prefix, never past an open record
            assertThat(tracker.pending()).isEqualTo(count - prefix);
            if (prefix > 0) {
                assertThat(tracker.toCommit()).isEqualTo((long) (prefix - 1) * gap + 1);
                assertThat(tracker.advanced()).containsEntry(Purges.SOURCE, Purges.source(0, prefix - 1));
            }
        }
        tracker.track((long) count * gap, null);
        assertThat(tracker.complete(-1)).isFalse();
        assertThat(tracker.pending()).isEqualTo(1);
    }

    @Provide
    Arbitrary<List<Integer>> completions() {
        return Arbitraries.integers().between(1, 300).flatMap(n -> Arbitraries.shuffle(
                IntStream.range(0, n).boxed().toList()));
    }

    @Test
    void shouldKeepRecordsInOffsetOrderEvenIfOneIsReadAgain() {
        PartitionTracker tracker = new PartitionTracker(Map.of());
        tracker.track(5, Purges.source(0, 5));
        tracker.track(7, Purges.source(0, 7));
        tracker.track(6, Purges.source(0, 6));
        tracker.complete(5);
        tracker.complete(6);

        tracker.advance();

        assertThat(tracker.toCommit()).isEqualTo(7);
        assertThat(tracker.pending()).isEqualTo(1);
    }
}
