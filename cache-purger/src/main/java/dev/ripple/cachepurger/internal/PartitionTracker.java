package dev.ripple.cachepurger.internal;

import dev.ripple.events.SourcePosition;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of one purge-topic partition read and not yet committed, in offset order. Records complete in any
 * order; the committable offset and the purge position advance only over a prefix of completed records, so neither
 * ever claims a record whose purge is not done. Used by the loop thread only.
 */
final class PartitionTracker {
    private static final class Entry {
        final SourcePosition source;
        boolean done;

        Entry(SourcePosition source) {
            this.source = source;
        }
    }

    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>();
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
        entries.put(offset, new Entry(source));
    }

    /** A record's purge is done (or dead-lettered); returns false if it is not tracked (e.g. after a revoke). */
    boolean complete(long offset) {
        Entry entry = entries.get(offset);
        if (entry == null) {
            return false;
        }
        entry.done = true;
        return true;
    }

    /**
     * Drops the completed prefix, moving the committable offset and the source positions past it.
     *
     * @return whether anything moved
     */
    boolean advance() {
        boolean moved = false;
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> next = it.next();
            if (!next.getValue().done) {
                break;
            }
            committable = next.getKey() + 1;
            SourcePosition source = next.getValue().source;
            if (source != null) {
                advanced.merge(source.topic(), source, (a, b) -> b.offset() > a.offset() ? b : a);
            }
            it.remove();
            moved = true;
        }
        return moved;
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
        return entries.size();
    }
}
