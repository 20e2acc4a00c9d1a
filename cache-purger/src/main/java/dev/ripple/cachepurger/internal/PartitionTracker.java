package dev.ripple.cachepurger.internal;

import dev.ripple.events.SourcePosition;
import java.util.HashMap;
import java.util.Map;

/**
 * The records of one purge-topic partition read and not yet committed, in offset order. Records complete in any
 * order; the committable offset and the purge position advance only over a prefix of completed records, so neither
 * ever claims a record whose purge is not done. Used by the loop thread only.
 */
final class PartitionTracker {
    // the records in offset order, in a ring of parallel arrays (a power of two long): a map entry and a boxed
    // offset per record were a good part of the loop thread's time in profiles
    private long[] offsets = new long[64];
    private SourcePosition[] sources = new SourcePosition[64];
    private boolean[] done = new boolean[64];
    private int head;
    private int size;
    /** Per source topic, the last source record of a completed prefix. */
    private final Map<String, SourcePosition> advanced;
    private long committable = -1;
    private long committed = -1;

    /** @param advanced the source positions already committed (from the offsets' metadata) */
    PartitionTracker(Map<String, SourcePosition> advanced) {
        this.advanced = new HashMap<>(advanced);
    }

    /** A record was read; {@code source} may be null for a record that could not be read. */
    void track(long offset, SourcePosition source) {
        if (size > 0 && offset <= offsets[slot(size - 1)]) {
            trackOutOfOrder(offset, source);
            return;
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = slot(size++);
        offsets[slot] = offset;
        sources[slot] = source;
        done[slot] = false;
    }

    /** Not seen from a consumer that does not seek; kept in offset order all the same. */
    private void trackOutOfOrder(long offset, SourcePosition source) {
        int at = find(offset);
        if (at >= 0) {
            sources[slot(at)] = source;
            done[slot(at)] = false;
            return;
        }
        if (size == offsets.length) {
            grow();
        }
        int insert = -at - 1;
        for (int i = size; i > insert; i--) {
            offsets[slot(i)] = offsets[slot(i - 1)];
            sources[slot(i)] = sources[slot(i - 1)];
            done[slot(i)] = done[slot(i - 1)];
        }
        size++;
        offsets[slot(insert)] = offset;
        sources[slot(insert)] = source;
        done[slot(insert)] = false;
    }

    /** A record's purge is done (or dead-lettered); returns false if it is not tracked (e.g. after a revoke). */
    boolean complete(long offset) {
        int at = find(offset);
        if (at < 0) {
            return false;
        }
        done[slot(at)] = true;
        return true;
    }

    /**
     * Drops the completed prefix, moving the committable offset and the source positions past it.
     *
     * @return whether anything moved
     */
    boolean advance() {
        boolean moved = false;
        while (size > 0 && done[head]) {
            committable = offsets[head] + 1;
            SourcePosition source = sources[head];
            if (source != null) {
                advanced.merge(source.topic(), source, (a, b) -> b.offset() > a.offset() ? b : a);
            }
            sources[head] = null;
            head = (head + 1) & (offsets.length - 1);
            size--;
            moved = true;
        }
        return moved;
    }

    /** The index (from the oldest) of {@code offset}, or {@code -(insertion index) - 1}. */
    private int find(long offset) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = offsets[slot(mid)];
            if (at < offset) {
                low = mid + 1;
            } else if (at > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -low - 1;
    }

    private int slot(int index) {
        return (head + index) & (offsets.length - 1);
    }

    private void grow() {
        int capacity = offsets.length * 2;
        long[] moreOffsets = new long[capacity];
        SourcePosition[] moreSources = new SourcePosition[capacity];
        boolean[] moreDone = new boolean[capacity];
        for (int i = 0; i < size; i++) {
            moreOffsets[i] = offsets[slot(i)];
            moreSources[i] = sources[slot(i)];
            moreDone[i] = done[slot(i)];
        }
        offsets = moreOffsets;
        sources = moreSources;
        done = moreDone;
        head = 0;
    }

    /** The offset to commit, if it moved since {@link #committed(long)}; -1 otherwise. */
    long toCommit() {
        return committable > committed ? committable : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Per source topic, the last source record of the completed prefix. */
    Map<String, SourcePosition> advanced() {
        return Map.copyOf(advanced);
    }

    /** Records read and not yet past the completed prefix. */
    int pending() {
        return size;
    }
}
