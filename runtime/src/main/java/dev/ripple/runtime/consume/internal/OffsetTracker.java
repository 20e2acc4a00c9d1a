package dev.ripple.runtime.consume.internal;

import java.util.function.Consumer;

/**
 * The records of one partition read and not yet committed, in offset order. Records complete in any order; the
 * committable offset advances only over a prefix of completed records, so a commit never claims a record whose
 * work is not done. Loop thread only.
 *
 * @param <P> what is remembered with each offset until it passes into the prefix
 */
final class OffsetTracker<P> {
    // the records in offset order, in a ring of parallel arrays (a power of two long): a map entry and a boxed
    // offset per record were a good part of the loop thread's time in profiles
    private long[] offsets = new long[64];
    private Object[] payloads = new Object[64];
    private boolean[] done = new boolean[64];
    private int head;
    private int size;
    private long committable = -1;
    private long committed = -1;

    /** A record was read, with what to remember until it passes ({@code payload} may be null). */
    void track(long offset, P payload) {
        if (size > 0 && offset <= offsets[slot(size - 1)]) {
            trackOutOfOrder(offset, payload);
            return;
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = slot(size++);
        offsets[slot] = offset;
        payloads[slot] = payload;
        done[slot] = false;
    }

    /** Not seen from a consumer that does not seek; kept in offset order all the same. */
    private void trackOutOfOrder(long offset, P payload) {
        int at = find(offset);
        if (at >= 0) {
            payloads[slot(at)] = payload;
            done[slot(at)] = false;
            return;
        }
        if (size == offsets.length) {
            grow();
        }
        int insert = -at - 1;
        for (int i = size; i > insert; i--) {
            offsets[slot(i)] = offsets[slot(i - 1)];
            payloads[slot(i)] = payloads[slot(i - 1)];
            done[slot(i)] = done[slot(i - 1)];
        }
        size++;
        offsets[slot(insert)] = offset;
        payloads[slot(insert)] = payload;
        done[slot(insert)] = false;
    }

    /** Sets what is remembered with a tracked record; returns false if it is not tracked. */
    boolean remember(long offset, P payload) {
        int at = size > 0 && offsets[slot(size - 1)] == offset ? size - 1 : find(offset);
        if (at < 0) {
            return false;
        }
        payloads[slot(at)] = payload;
        return true;
    }

    /** The record's work is done; returns false if it is not tracked. */
    boolean complete(long offset) {
        int at = find(offset);
        if (at < 0) {
            return false;
        }
        done[slot(at)] = true;
        return true;
    }

    /**
     * Drops the completed prefix, moving the committable offset past it and handing each non-null payload to
     * {@code passed}, in offset order.
     *
     * @return whether anything moved
     */
    @SuppressWarnings("unchecked")
    boolean advance(Consumer<P> passed) {
        boolean moved = false;
        while (size > 0 && done[head]) {
            committable = offsets[head] + 1;
            Object payload = payloads[head];
            payloads[head] = null;
            head = (head + 1) & (offsets.length - 1);
            size--;
            moved = true;
            if (payload != null) {
                passed.accept((P) payload);
            }
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
        Object[] morePayloads = new Object[capacity];
        boolean[] moreDone = new boolean[capacity];
        for (int i = 0; i < size; i++) {
            moreOffsets[i] = offsets[slot(i)];
            morePayloads[i] = payloads[slot(i)];
            moreDone[i] = done[slot(i)];
        }
        offsets = moreOffsets;
        payloads = morePayloads;
        done = moreDone;
        head = 0;
    }

    /** The offset to commit (the next to read), if it moved since {@link #committed(long)}; -1 otherwise. */
    long toCommit() {
        return committable > committed ? committable : -1;
    }

    /** {@code offset} is committed. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Records read and not yet past the completed prefix. */
    int pending() {
        return size;
    }
}
