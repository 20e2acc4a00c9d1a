package dev.ripple.monitor.dlq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * What has been replayed of one partition of a dead-letter topic: every record below {@code next}, and the records in
 * {@code replayed} (ranges at or after {@code next}, left by replays of single records or records that could not be
 * replayed in between). Stored as the committed offset of the DLQ's cursor group ({@code <prefix>-dlq-<consumer>}):
 * {@code next} is the offset, the ranges are its metadata ({@code replayed=17-17,20-31}). A record is
 * <em>waiting</em> unless it is covered; {@code ripple dlq list} and the depth show only waiting records. Offsets
 * between records (transaction markers) never matter: a range is "every record with an offset in it". Immutable.
 *
 * @param next the first offset not known to be replayed; 0 for a DLQ never replayed
 * @param replayed disjoint ranges at or after {@code next}, in order
 */
public record DlqCursor(long next, List<Range> replayed) {
    /**
     * Longest metadata a cursor writes: below Kafka's default {@code offset.metadata.max.bytes} (4,096), about 300
     * ranges. Replays that would need more are refused ({@code --id}) or marked in part ({@code --all}).
     */
    public static final int MAX_METADATA_CHARS = 3_900;
    /** A DLQ nothing was replayed from. */
    public static final DlqCursor NONE = new DlqCursor(0, List.of());
    private static final String KEY = "replayed=";

    /** Offsets {@code from} to {@code to}, both included. */
    public record Range(long from, long to) {
        public Range {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("Invalid range " + from + "-" + to);
            }
        }

        boolean covers(long offset) {
            return offset >= from && offset <= to;
        }
    }

    public DlqCursor {
        replayed = List.copyOf(Objects.requireNonNull(replayed, "replayed"));
        long last = next - 1;
        for (Range r : replayed) {
            if (r.from() <= last) {
                throw new IllegalArgumentException("Ranges " + replayed + " overlap or start before " + next);
            }
            last = r.to();
        }
    }

    /** The cursor a committed offset holds; none committed is {@link #NONE}, unreadable metadata no ranges. */
    public static DlqCursor of(OffsetAndMetadata committed) {
        if (committed == null) {
            return NONE;
        }
        String metadata = committed.metadata();
        List<Range> ranges = new ArrayList<>();
        if (metadata != null && metadata.startsWith(KEY) && metadata.length() > KEY.length()) {
            try {
                for (String part : metadata.substring(KEY.length()).split(",")) {
                    int dash = part.indexOf('-');
                    ranges.add(dash < 0 ? new Range(Long.parseLong(part), Long.parseLong(part))
                            : new Range(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1))));
                }
                return new DlqCursor(committed.offset(), ranges);
            } catch (IllegalArgumentException e) {
                // written by something else: the records it names show as waiting, and replaying them again is safe
            }
        }
        return new DlqCursor(committed.offset(), List.of());
    }

    /** The committed offset that stores this cursor. */
    public OffsetAndMetadata committed() {
        return new OffsetAndMetadata(next, metadata());
    }

    /** {@code replayed=a-b,c-d}, or empty without ranges. */
    public String metadata() {
        if (replayed.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(KEY);
        for (Range r : replayed) {
            s.append(s.length() > KEY.length() ? "," : "").append(r.from()).append('-').append(r.to());
        }
        return s.toString();
    }

    /** Whether Kafka takes it as metadata ({@link #MAX_METADATA_CHARS}). */
    public boolean fits() {
        return metadata().length() <= MAX_METADATA_CHARS;
    }

    /** Whether the record at {@code offset} still waits to be replayed. */
    public boolean waiting(long offset) {
        return offset >= next && replayed.stream().noneMatch(r -> r.covers(offset));
    }

    /** This cursor with the record at {@code offset} replayed too. */
    public DlqCursor with(long offset) {
        if (!waiting(offset)) {
            return this;
        }
        List<Range> ranges = new ArrayList<>(replayed);
        ranges.add(new Range(offset, offset));
        return normalized(next, ranges);
    }

    /**
     * This cursor after a replay that read the records at {@code seen} (every record from {@link #next()} on, in
     * order, as far as the read went) and replayed those {@code replayedNow} accepts: {@code next} moves past the
     * records at the head that are done, the rest of what was seen becomes runs of done records, and ranges beyond
     * what was seen are kept.
     */
    public DlqCursor after(List<Long> seen, LongPredicate replayedNow) {
        long newNext = next;
        int i = 0;
        while (i < seen.size() && done(seen.get(i), replayedNow)) {
            newNext = seen.get(i) + 1;
            i++;
        }
        List<Range> ranges = new ArrayList<>();
        long runFrom = -1;
        long runTo = -1;
        for (; i < seen.size(); i++) {
            long offset = seen.get(i);
            if (done(offset, replayedNow)) {
                runFrom = runFrom < 0 ? offset : runFrom;
                runTo = offset;
            } else if (runFrom >= 0) {
                ranges.add(new Range(runFrom, runTo));
                runFrom = -1;
            }
        }
        if (runFrom >= 0) {
            ranges.add(new Range(runFrom, runTo));
        }
        long beyond = (seen.isEmpty() ? next - 1 : seen.get(seen.size() - 1)) + 1;
        for (Range r : replayed) {
            if (r.to() >= beyond) {
                ranges.add(new Range(Math.max(r.from(), beyond), r.to()));
            }
        }
        return normalized(newNext, ranges);
    }

    /** Ranges sorted and merged where they touch, and a range that reaches {@code next} taken into it. */
    private static DlqCursor normalized(long next, List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.from(), b.from()));
        List<Range> merged = new ArrayList<>();
        long newNext = next;
        for (Range r : sorted) {
            if (r.to() < newNext) {
                continue;
            }
            if (r.from() <= newNext) {
                newNext = r.to() + 1;
            } else if (!merged.isEmpty() && merged.get(merged.size() - 1).to() + 1 >= r.from()) {
                Range last = merged.remove(merged.size() - 1);
                merged.add(new Range(last.from(), Math.max(last.to(), r.to())));
            } else {
                merged.add(r);
            }
        }
        return new DlqCursor(newNext, merged);
    }

    /** The same cursor with only as many ranges as fit in the metadata, from the oldest. */
    public DlqCursor trimmed() {
        List<Range> kept = new ArrayList<>(replayed);
        while (!new DlqCursor(next, kept).fits()) {
            kept.remove(kept.size() - 1);
        }
        return new DlqCursor(next, kept);
    }

    private boolean done(long offset, LongPredicate replayedNow) {
        return !waiting(offset) || replayedNow.test(offset);
    }
}
