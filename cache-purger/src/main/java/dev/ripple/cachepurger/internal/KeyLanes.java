package dev.ripple.cachepurger.internal;

import dev.ripple.events.PurgeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Purges waiting to be sent, one lane per key: a key's purges leave in the order they arrived, one at a time, and
 * different keys' purges leave independently. A purge identical to the last one waiting in its lane merges into it
 * (coalescing). A purge waits at least the coalescing window after it arrived. Thread-safe; time comes from the
 * caller.
 *
 * <p>The heads of lanes with nothing in flight wait in two queues, both O(1): purges that arrived to an idle lane,
 * in arrival order (so in window order), and purges whose predecessor finished, in finishing order. The second
 * queue is not sorted by window, so a purge there may wait for the one before it, at most one window longer.
 */
final class KeyLanes {
    /** What became of an offered purge. */
    enum Offer { QUEUED, COALESCED }

    private final Duration window;
    private final Map<String, ArrayDeque<PurgeJob>> lanes = new HashMap<>();
    private final ArrayDeque<PurgeJob> arrived = new ArrayDeque<>();
    private final ArrayDeque<PurgeJob> released = new ArrayDeque<>();
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
        PurgeJob job = new PurgeJob(request, origin, now, now.plus(window));
        lane.addLast(job);
        queued++;
        if (lane.size() == 1) {
            arrived.add(job);
        }
        return Offer.QUEUED;
    }

    /** Removes and starts up to {@code max} purges that may leave at {@code now}, oldest first. */
    synchronized List<PurgeJob> takeReady(Instant now, int max) {
        List<PurgeJob> ready = new ArrayList<>(Math.min(max, sendable()));
        long nowMillis = now.toEpochMilli();
        take(released, ready, max, nowMillis);
        take(arrived, ready, max, nowMillis);
        return ready;
    }

    private void take(ArrayDeque<PurgeJob> from, List<PurgeJob> ready, int max, long nowMillis) {
        while (ready.size() < max && !from.isEmpty() && from.peekFirst().notBeforeMillis() <= nowMillis) {
            PurgeJob job = from.pollFirst();
            job.start();
            queued--;
            ready.add(job);
        }
    }

    /** The jobs were in flight and are done: their keys' next purges may leave. */
    synchronized void complete(List<TargetSet.Done> done) {
        for (TargetSet.Done each : done) {
            complete(each.job());
        }
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
            released.add(lane.peekFirst());
        }
    }

    /** When the next waiting purge may leave, if one waits with nothing of its key in flight. */
    synchronized Optional<Instant> nextDue() {
        PurgeJob next = released.isEmpty() ? arrived.peekFirst() : arrived.isEmpty() ? released.peekFirst()
                : released.peekFirst().notBeforeMillis() <= arrived.peekFirst().notBeforeMillis()
                        ? released.peekFirst() : arrived.peekFirst();
        return Optional.ofNullable(next).map(PurgeJob::notBefore);
    }

    /** Purges that could leave now or once their window ends: heads of lanes with nothing in flight. */
    synchronized int sendable() {
        return arrived.size() + released.size();
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
