package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.SourcePosition;
import dev.ripple.replica.StoredPosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The region's applied position as one applier knows it: what the store held when a partition was assigned (or
 * re-read), advanced by every durable apply. Only ever moves forward; an epoch bump ({@link #follow}) starts it
 * afresh, empty in the new epoch. Confined to the applier's loop thread; {@link #snapshot} is what other threads
 * get.
 */
final class AppliedView {
    private long epoch;
    private final Map<TopicPartitionKey, Long> offsets = new TreeMap<>();
    private final Map<TopicPartitionKey, Instant> dts = new HashMap<>();
    private Position position;
    private long version;

    AppliedView(long epoch) {
        this.epoch = epoch;
        this.position = Position.empty(epoch);
    }

    /**
     * Moves to {@code current} if it is a later epoch: what was applied in the earlier one covers nothing in it.
     *
     * @return whether the epoch changed
     */
    boolean follow(long current) {
        if (current <= epoch) {
            return false;
        }
        epoch = current;
        offsets.clear();
        dts.clear();
        position = null;
        version++;
        return true;
    }

    /** Merges what a store holds for one partition; a position of an earlier epoch adds nothing. */
    void merge(StoredPosition stored) {
        follow(stored.offsets().epoch());
        if (stored.offsets().epoch() == epoch) {
            stored.offsets().offsets().forEach((entry, offset) -> advance(entry, offset,
                    stored.sourceDt().get(entry)));
        }
    }

    /** Moves one entry forward to a durably applied source record (a no-op if it is not ahead). */
    void advance(SourcePosition source) {
        advance(TopicPartitionKey.of(source.topic(), source.partition()), source.offset(), source.dt());
    }

    private void advance(TopicPartitionKey entry, long offset, Instant dt) {
        Long held = offsets.get(entry);
        if (held == null || held < offset) {
            offsets.put(entry, offset);
            if (dt != null) {
                dts.put(entry, dt);
            }
            position = null;
            version++;
        }
    }

    /** The position now. */
    Position position() {
        if (position == null) {
            position = Position.of(epoch, offsets);
        }
        return position;
    }

    /**
     * The entries of {@code deps} this view does not cover yet. Dependencies of an earlier epoch are covered: that
     * epoch's order ended with the bump.
     *
     * @throws dev.ripple.consistency.EpochMismatchException if {@code deps} are of a later epoch than this view's
     */
    List<Position.Shortfall> missing(Position deps) {
        return deps.isEmpty() || deps.epoch() < epoch ? List.of() : position().missingFrom(deps);
    }

    /** Marks a change the offsets do not show (which partitions serve), so the next publish sends it. */
    void touch() {
        version++;
    }

    /** Grows by one on every change; for "has it changed since I last published?". */
    long version() {
        return version;
    }

    long epoch() {
        return epoch;
    }

    /**
     * The value to publish on {@code ripple.positions}.
     *
     * @param rebuilding partitions out of service: what the position claims of them does not hold until they serve
     */
    RegionPosition snapshot(String region, Instant now, Set<Integer> rebuilding) {
        Map<String, Instant> byEntry = new HashMap<>();
        dts.forEach((entry, dt) -> byEntry.put(entry.toString(), dt));
        return new RegionPosition(region, position(), byEntry, now, rebuilding);
    }
}
