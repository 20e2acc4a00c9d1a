package dev.ripple.runtime.consume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.SourcePosition;
import java.time.Instant;
import java.util.HashMap;
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

class OffsetTrackerTest {
    private static final String SOURCE = "ripple.stream.edits";
    private static final Instant DT = Instant.parse("2026-01-01T00:00:00Z");
    /** Per source topic, the last payload passed: what the purger keeps in its commit metadata. */
    private final Map<String, SourcePosition> advanced = new HashMap<>();

    private static SourcePosition source(int partition, long offset) {
        return new SourcePosition(SOURCE, partition, offset, DT.plusMillis(offset));
    }

    private boolean advance(OffsetTracker<SourcePosition> tracker) {
        return tracker.advance(source -> advanced.put(source.topic(), source));
    }

    @Test
    void shouldCommitAndAdvanceOnlyOverThePrefixOfCompletedRecords() {
        // given three records read, the second and third done first
        OffsetTracker<SourcePosition> tracker = new OffsetTracker<>();
        tracker.track(10, source(0, 100));
        tracker.track(11, source(0, 101));
        tracker.track(13, source(0, 103));
        tracker.complete(11);
        tracker.complete(13);

        // then nothing can be committed while the first is in flight
        assertThat(advance(tracker)).isFalse();
        assertThat(tracker.toCommit()).isEqualTo(-1);
        assertThat(tracker.pending()).isEqualTo(3);

        // when the first is done
        tracker.complete(10);

        // then the offset after the last and its source position can be committed
        assertThat(advance(tracker)).isTrue();
        assertThat(tracker.toCommit()).isEqualTo(14);
        assertThat(advanced).containsEntry(SOURCE, source(0, 103));
        assertThat(tracker.pending()).isZero();
        tracker.committed(14);
        assertThat(tracker.toCommit()).isEqualTo(-1);
    }

    @Test
    void shouldPassNothingForUnreadableRecordsAndNotCompleteWhatIsNotTracked() {
        OffsetTracker<SourcePosition> tracker = new OffsetTracker<>();
        advanced.put(SOURCE, source(2, 50));
        tracker.track(7, null);
        tracker.complete(7);

        advance(tracker);

        assertThat(tracker.toCommit()).isEqualTo(8);
        assertThat(advanced).containsEntry(SOURCE, source(2, 50));
        assertThat(tracker.complete(99)).isFalse();
    }

    @Test
    void shouldRememberAPayloadGivenAfterTheRecordWasTracked() {
        OffsetTracker<SourcePosition> tracker = new OffsetTracker<>();
        tracker.track(3, null);
        tracker.complete(3);

        assertThat(tracker.remember(3, source(0, 30))).isTrue();
        assertThat(tracker.remember(4, source(0, 40))).isFalse();
        advance(tracker);

        assertThat(advanced).containsEntry(SOURCE, source(0, 30));
    }

    @Property(tries = 200)
    void shouldCommitExactlyTheCompletedPrefixWhateverTheOrderOfCompletion(@ForAll("completions") List<Integer> order,
            @ForAll @IntRange(min = 1, max = 5) int gap) {
        // given records at offsets with gaps (transaction markers), more than the tracker's first capacity
        advanced.clear();
        OffsetTracker<SourcePosition> tracker = new OffsetTracker<>();
        int count = order.size();
        for (int i = 0; i < count; i++) {
            tracker.track((long) i * gap, source(0, i));
        }
        TreeSet<Integer> open = new TreeSet<>(order);

        // when they complete in any order, advancing after each, then more are read
        for (int i : order) {
            assertThat(tracker.complete((long) i * gap)).isTrue();
            open.remove(i);
            advance(tracker);
            int prefix = open.isEmpty() ? count : open.first();
            // then the committable offset is right after the completed prefix, never past an open record
            assertThat(tracker.pending()).isEqualTo(count - prefix);
            if (prefix > 0) {
                assertThat(tracker.toCommit()).isEqualTo((long) (prefix - 1) * gap + 1);
                assertThat(advanced).containsEntry(SOURCE, source(0, prefix - 1));
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
        OffsetTracker<SourcePosition> tracker = new OffsetTracker<>();
        tracker.track(5, source(0, 5));
        tracker.track(7, source(0, 7));
        tracker.track(6, source(0, 6));
        tracker.complete(5);
        tracker.complete(6);

        advance(tracker);

        assertThat(tracker.toCommit()).isEqualTo(7);
        assertThat(tracker.pending()).isEqualTo(1);
    }
}
