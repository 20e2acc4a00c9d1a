package dev.ripple.propagator.internal;

import dev.ripple.events.PurgeRequest;
import dev.ripple.events.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds purges in their rule's window, one per (source topic, region, rule, key): a later purge of the same key
 * merges into the waiting one, which goes out when the window closes (after the last edit it covers, so a cache
 * is never left holding an edit older than the last purge). The store makes the buffer survive restarts
 * exactly once; an in-memory mirror, rebuilt from the store when the task starts, serves the punctuator.
 */
final class PurgeCoalescer {
    /** What became of an offered purge. */
    enum Offer { BUFFERED, MERGED, FULL }

    private final KeyValueStore<String, PendingPurge> store;
    private final int maxBuffered;
    private final Map<String, PendingPurge> mirror = new HashMap<>();

    PurgeCoalescer(KeyValueStore<String, PendingPurge> store, int maxBuffered) {
        this.store = store;
        this.maxBuffered = maxBuffered;
        try (KeyValueIterator<String, PendingPurge> all = store.all()) {
            all.forEachRemaining(entry -> mirror.put(entry.key, entry.value));
        }
    }

    /**
     * Buffers or merges a purge; {@link Offer#FULL} means the caller sends it now.
     *
     * @param floor the source topic's position before this event, or null
     */
    Offer offer(String region, PurgeRequest request, long windowMs, long nowMs, SourcePosition floor) {
        String id = request.source().topic() + '\n' + region + '\n' + request.rule().name() + '\n' + request.key();
        PendingPurge waiting = mirror.get(id);
        PendingPurge next;
        if (waiting != null) {
            next = waiting.merge(request);
        } else if (mirror.size() >= maxBuffered) {
            return Offer.FULL;
        } else {
            next = new PendingPurge(region, request, nowMs + windowMs, floor);
        }
        mirror.put(id, next);
        store.put(id, next);
        return waiting != null ? Offer.MERGED : Offer.BUFFERED;
    }

    /** Purges waiting in their windows. */
    int waiting() {
        return mirror.size();
    }

    /** Removes and returns the purges whose window has closed, in source order. */
    List<PendingPurge> takeDue(long nowMs) {
        List<Map.Entry<String, PendingPurge>> due = new ArrayList<>();
        for (Map.Entry<String, PendingPurge> entry : mirror.entrySet()) {
            if (entry.getValue().dueMs() <= nowMs) {
                due.add(entry);
            }
        }
        List<PendingPurge> out = new ArrayList<>(due.size());
        for (Map.Entry<String, PendingPurge> entry : due) {
            mirror.remove(entry.getKey());
            store.delete(entry.getKey());
            out.add(entry.getValue());
        }
        out.sort(Comparator.comparingLong(p -> p.request().source().offset()));
        return out;
    }

    /**
     * Per source topic with waiting purges, the position a purge watermark may claim at most: the lowest floor
     * among them, or empty when one of them has nothing before it (then no purge watermark may go out).
     */
    Map<String, Optional<SourcePosition>> watermarkCeilings() {
        Map<String, Optional<SourcePosition>> ceilings = new HashMap<>();
        for (PendingPurge pending : mirror.values()) {
            Optional<SourcePosition> floor = Optional.ofNullable(pending.floor());
            ceilings.merge(pending.request().source().topic(), floor, PurgeCoalescer::lower);
        }
        return ceilings;
    }

    private static Optional<SourcePosition> lower(Optional<SourcePosition> a, Optional<SourcePosition> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return a.get().offset() <= b.get().offset() ? a : b;
    }
}
