package dev.ripple.cachepurger.internal;

import dev.ripple.events.PurgeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Purges waiting to be sent, one lane per key: a key's purges leave in the order they arrived, one at a time, and
 * different keys' purges leave independently. A purge identical to the last one waiting in its lane merges into it
 * (coalescing). A purge waits at least the coalescing window after it arrived. Thread-safe; time comes from the
 * caller.
 */
final class KeyLanes {
    /** What became of an offered purge. */
    enum Offer { QUEUED, COALESCED }

    private final Duration window;
    private final Map<String, ArrayDeque<PurgeJob>> lanes = new HashMap<>();
    /** Heads of lanes with nothing in flight, by when they may leave, then by arrival. */
    private final PriorityQueue<PurgeJob> heads = new PriorityQueue<>(
            Comparator.comparing(PurgeJob::notBefore).thenComparingLong(PurgeJob::sequence));
    private long sequence;
    private int queued;

    KeyLanes(Duration window) {
        this.window = window;
    }

    /** Queues a purge read at {@code now}, or merges it into an identical waiting one of its key. */
    synchronized Offer offer(PurgeRequest request, Origin origin, Instant now) {
        ArrayDeque<PurgeJob> lane = lanes.computeIfAbsent(request.key(), k -> new ArrayDeque<>(2));
        PurgeJob last = lane.peekLast();
        if (last != null && !last.started() && last.sameWork(request)) {
            last.absorb(request, origin);
            return Offer.COALESCED;
        }
        PurgeJob job = new PurgeJob(sequence++, request, origin, now, now.plus(window));
        lane.addLast(job);
        queued++;
        if (lane.size() == 1) {
            heads.add(job);
        }
        return Offer.QUEUED;
    }

    /** Removes and starts up to {@code max} purges that may leave at {@code now}, oldest first. */
    synchronized List<PurgeJob> takeReady(Instant now, int max) {
        List<PurgeJob> ready = new ArrayList<>(Math.min(max, heads.size()));
        while (ready.size() < max && !heads.isEmpty() && !heads.peek().notBefore().isAfter(now)) {
            PurgeJob job = heads.poll();
            job.start();
            queued--;
            ready.add(job);
        }
        return ready;
    }

    /** The job of {@code key} that was in flight is done: the key's next purge may leave. */
    synchronized void complete(PurgeJob job) {
        ArrayDeque<PurgeJob> lane = lanes.get(job.key());
        if (lane == null || lane.peekFirst() != job) {
            throw new IllegalStateException(job + " is not the head of its lane");
        }
        lane.pollFirst();
        if (lane.isEmpty()) {
            lanes.remove(job.key());
        } else {
            heads.add(lane.peekFirst());
        }
    }

    /** When the next waiting purge may leave, if one waits with nothing of its key in flight. */
    synchronized Optional<Instant> nextDue() {
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.peek().notBefore());
    }

    /** Purges waiting (not in flight). */
    synchronized int queued() {
        return queued;
    }

    /** Keys with a purge waiting or in flight. */
    synchronized int keys() {
        return lanes.size();
    }
}
