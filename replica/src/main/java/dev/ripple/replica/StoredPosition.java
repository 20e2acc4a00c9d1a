package dev.ripple.replica;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The applied position of one source partition as a store holds it, and whether that partition serves (DESIGN.md 7
 * and 7.1).
 *
 * @param partition the source partition
 * @param offsets its entries: one per source topic that has reached this region on this partition
 * @param sourceDt per entry, the source {@code dt} of the record or watermark that moved it last
 * @param status whether the partition holds data, serves, or is being rebuilt
 * @param generation the store generation the partition's data belongs to; null when it has none (the partition is
 *     {@link Status#ABSENT}, or was written before stores had generations)
 * @param cursor while {@link Status#REBUILDING}: per latest-state {@code topic:partition}, where the rebuild goes on
 */
public record StoredPosition(int partition, Position offsets, Map<TopicPartitionKey, Instant> sourceDt, Status status,
        String generation, Map<String, Long> cursor) {

    /** What a partition of a store holds. */
    public enum Status {
        /** Nothing: a new region, or a store that lost its data. */
        ABSENT,
        /** Data of one generation, applied in order: reads may be served. */
        SERVING,
        /** A rebuild is writing a new generation: reads are refused until it ends. */
        REBUILDING
    }

    public StoredPosition {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(status, "status");
        sourceDt = Map.copyOf(Objects.requireNonNull(sourceDt, "sourceDt"));
        cursor = Map.copyOf(Objects.requireNonNull(cursor, "cursor"));
        for (TopicPartitionKey entry : offsets.partitions()) {
            if (entry.partition() != partition) {
                throw new IllegalArgumentException("Entry " + entry + " is not of partition " + partition);
            }
        }
    }

    /** A serving partition's position. */
    public StoredPosition(int partition, Position offsets, Map<TopicPartitionKey, Instant> sourceDt) {
        this(partition, offsets, sourceDt, Status.SERVING, null, Map.of());
    }

    /** Whether reads of this partition may be served from the store. */
    public boolean serving() {
        return status == Status.SERVING;
    }
}
