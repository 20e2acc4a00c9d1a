package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.ReplicaLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The records of one region partition between the poll and the durable apply, in partition order, with at most
 * one batch in flight: one partition's applies never overtake each other. A record whose dependencies the
 * region has not applied yet blocks the lane (the applier pauses the partition); records behind it wait with it.
 * Confined to the applier's loop thread; time comes in as arguments, so tests drive it with a fake clock.
 */
final class PartitionLane {
    /** A polled record: its region-topic offset, the record (null if unreadable), and its size in bytes. */
    record Pending(long offset, RegionRecord record, int bytes, String unreadable) {}

    /** Records handed to the store together, in order. */
    record Batch(int partition, List<Pending> entries) {
        List<RegionRecord> records() {
            return entries.stream().map(Pending::record).toList();
        }

        long lastOffset() {
            return entries.get(entries.size() - 1).offset();
        }
    }

    private final int partition;
    private final LaneListener listener;
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private Batch inFlight;
    private long retryAtMs = Long.MIN_VALUE;
    private long blockedOffset = -1;
    private long blockedSinceMs;
    private boolean alerted;
    private List<Position.Shortfall> blockedOn = List.of();
    private String stuck;

    PartitionLane(int partition, LaneListener listener) {
        this.partition = partition;
        this.listener = listener;
    }

    int partition() {
        return partition;
    }

    void add(long offset, RegionRecord record, int bytes) {
        buffer.add(new Pending(offset, record, bytes, null));
    }

    void addUnreadable(long offset, String reason) {
        buffer.add(new Pending(offset, null, 0, reason));
    }

    int buffered() {
        return buffer.size();
    }

    boolean inFlight() {
        return inFlight != null;
    }

    boolean blocked() {
        return blockedOffset >= 0;
    }

    boolean isStuck() {
        return stuck != null;
    }

    /** The dependencies the head record still lacks; empty unless blocked. */
    List<Position.Shortfall> blockedOn() {
        return blockedOn;
    }

    /** Whether the partition should be paused: it cannot take more now. */
    boolean wantsPause(ReplicaLimits limits, long nowMs) {
        return stuck != null || buffer.size() >= limits.maxBufferedRecords()
                || (inFlight == null && (blocked() || nowMs < retryAtMs));
    }

    /**
     * The next batch: the longest prefix of buffered records whose dependencies are covered by {@code view} plus
     * the records before them in the batch, within the limits. Null if there is nothing to do now.
     */
    Batch next(AppliedView view, ReplicaLimits limits, long nowMs) {
        if (inFlight != null || stuck != null || buffer.isEmpty() || nowMs < retryAtMs) {
            return null;
        }
        List<Pending> entries = new ArrayList<>();
        Map<TopicPartitionKey, Long> local = new HashMap<>();
        long bytes = 0;
        Iterator<Pending> it = buffer.iterator();
        while (it.hasNext()) {
            Pending next = it.next();
            if (entries.size() == limits.maxBatchRecords()
                    || (!entries.isEmpty() && bytes + next.bytes() > limits.maxBatchBytes())) {
                listener.batchLimitHit(partition);
                break;
            }
            if (next.record() == null) {
                if (entries.isEmpty()) {
                    markStuck(next.offset(), next.unreadable());
                }
                break;
            }
            List<Position.Shortfall> missing = missing(next.record(), view, local);
            if (!missing.isEmpty()) {
                if (entries.isEmpty()) {
                    block(next.offset(), missing, nowMs);
                }
                break;
            }
            entries.add(next);
            bytes += next.bytes();
            local.merge(TopicPartitionKey.of(next.record().source().topic(), partition),
                    next.record().source().offset(), Math::max);
        }
        if (entries.isEmpty()) {
            return null;
        }
        unblock(nowMs);
        inFlight = new Batch(partition, List.copyOf(entries));
        return inFlight;
    }

    /**
     * Missing dependencies. Dependencies of a later epoch move the view to it: the intake signed them only after
     * the bump, so the region follows in-band even before its config watch says so.
     */
    private static List<Position.Shortfall> missing(RegionRecord record, AppliedView view,
            Map<TopicPartitionKey, Long> local) {
        if (!(record instanceof ReplicationRecord replication)) {
            return List.of();
        }
        view.follow(replication.deps().epoch());
        List<Position.Shortfall> missing = view.missing(replication.deps());
        return missing.stream().filter(s -> local.getOrDefault(s.partition(), -1L) < s.need()).toList();
    }

    private void block(long offset, List<Position.Shortfall> missing, long nowMs) {
        blockedOn = missing;
        if (blockedOffset != offset) {
            blockedOffset = offset;
            blockedSinceMs = nowMs;
            alerted = false;
            listener.dependencyWaitStarted(partition, offset, missing);
        }
    }

    private void unblock(long nowMs) {
        if (blockedOffset >= 0) {
            listener.dependencyWaitEnded(partition, blockedOffset, nowMs - blockedSinceMs);
            blockedOffset = -1;
            blockedOn = List.of();
        }
    }

    private void markStuck(long offset, String reason) {
        if (stuck == null) {
            stuck = reason;
            listener.stuck(partition, offset, reason);
        }
    }

    /** Reports a dependency wait past the bound, once per record. Returns how long the head has waited. */
    long checkWait(long nowMs, long alertMs) {
        if (!blocked()) {
            return 0;
        }
        long waited = nowMs - blockedSinceMs;
        if (waited >= alertMs && !alerted) {
            alerted = true;
            listener.dependencyWaitExceeded(partition, blockedOffset, blockedOn, waited);
        }
        return waited;
    }

    /** The batch in flight is durable: drop it from the buffer (the loop commits its offsets). */
    void completed(Batch batch) {
        requireInFlight(batch);
        for (int i = 0; i < batch.entries().size(); i++) {
            buffer.poll();
        }
        inFlight = null;
    }

    /** The batch in flight failed: keep its records and try again after the backoff. */
    void failed(Batch batch, long nowMs, long backoffMs) {
        requireInFlight(batch);
        inFlight = null;
        retryAtMs = nowMs + backoffMs;
    }

    /** A failure that cannot be retried: the partition stops here. */
    void failedForGood(Batch batch, String reason) {
        requireInFlight(batch);
        inFlight = null;
        markStuck(batch.entries().get(0).offset(), reason);
    }

    private void requireInFlight(Batch batch) {
        if (inFlight != batch) {
            throw new IllegalStateException("Batch " + batch.entries().get(0).offset() + ".." + batch.lastOffset()
                    + " of partition " + partition + " is not the one in flight");
        }
    }
}
