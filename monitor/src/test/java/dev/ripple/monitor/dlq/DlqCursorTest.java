package dev.ripple.monitor.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.monitor.dlq.DlqCursor.Range;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class DlqCursorTest {
    // a transactional DLQ: a record at every even offset, a commit marker at every odd one
    private static final List<Long> RECORDS = List.of(0L, 2L, 4L, 6L, 8L);

    @Test
    void shouldMoveNextPastEverythingAReplayOfAllDidAtTheHeadMarkersIncluded() {
        DlqCursor after = DlqCursor.NONE.after(RECORDS, offset -> true);

        assertThat(after).isEqualTo(new DlqCursor(9, List.of()));
        assertThat(RECORDS).noneMatch(after::waiting);
    }

    @Test
    void shouldKeepARecordThatCouldNotBeReplayedWaitingAndRememberTheOnesAfterIt() {
        // when the record at 2 is skipped (its value was left out) and the rest are replayed
        DlqCursor after = DlqCursor.NONE.after(RECORDS, offset -> offset != 2);

        // then only it waits; the cursor stops before it and remembers 4 to 8 in one range
        assertThat(after).isEqualTo(new DlqCursor(1, List.of(new Range(4, 8))));
        assertThat(RECORDS.stream().filter(after::waiting)).containsExactly(2L);

        // and once it is replayed on its own, the cursor takes the range in, across the marker at 3
        DlqCursor later = after.after(RECORDS.subList(1, 5), offset -> offset == 2);
        assertThat(later).isEqualTo(new DlqCursor(9, List.of()));
    }

    @Test
    void shouldRememberASingleRecordReplayedInTheMiddleAndAdvanceWhenTheHeadFollows() {
        // when the middle record is replayed by id
        DlqCursor middle = DlqCursor.NONE.with(4);

        // then it no longer waits, the others do
        assertThat(RECORDS.stream().filter(middle::waiting)).containsExactly(0L, 2L, 6L, 8L);
        assertThat(middle.metadata()).isEqualTo("replayed=4-4");

        // and replaying the head moves next; replaying what is done already changes nothing
        assertThat(middle.with(0)).isEqualTo(new DlqCursor(1, List.of(new Range(4, 4))));
        assertThat(middle.with(2).with(3).with(1).with(0)).isEqualTo(new DlqCursor(5, List.of()));
        assertThat(middle.with(4)).isSameAs(middle);
    }

    @Test
    void shouldRoundTripThroughACommittedOffsetAndIgnoreForeignMetadata() {
        DlqCursor cursor = new DlqCursor(7, List.of(new Range(9, 9), new Range(12, 30)));

        assertThat(DlqCursor.of(cursor.committed())).isEqualTo(cursor);
        assertThat(DlqCursor.of(null)).isEqualTo(DlqCursor.NONE);
        assertThat(DlqCursor.of(new OffsetAndMetadata(7, "written by hand"))).isEqualTo(new DlqCursor(7, List.of()));
        assertThat(DlqCursor.of(new OffsetAndMetadata(7, "replayed=5-x"))).isEqualTo(new DlqCursor(7, List.of()));
    }

    @Test
    void shouldKeepRangesBeyondWhatAReplayReadAndTrimToWhatKafkaTakes() {
        // given ranges far ahead, past what a bounded read reached
        DlqCursor cursor = new DlqCursor(0, List.of(new Range(100, 120)));

        // when a replay saw only the first records and replayed them
        DlqCursor after = cursor.after(List.of(0L, 2L), offset -> true);

        assertThat(after).isEqualTo(new DlqCursor(3, List.of(new Range(100, 120))));

        // and a cursor with more ranges than the metadata holds keeps the oldest that fit
        Set<Long> everyOther = Set.copyOf(LongStream.range(0, 2_000).filter(o -> o % 4 == 0).boxed().toList());
        DlqCursor many = new DlqCursor(0, List.of()).after(LongStream.range(0, 2_000).filter(o -> o % 2 == 0)
                .boxed().toList(), offset -> !everyOther.contains(offset));
        assertThat(many.fits()).isFalse();
        DlqCursor trimmed = many.trimmed();
        assertThat(trimmed.fits()).isTrue();
        assertThat(trimmed.replayed()).isNotEmpty().isEqualTo(many.replayed().subList(0, trimmed.replayed().size()));
    }
}
