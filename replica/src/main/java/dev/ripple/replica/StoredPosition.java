package dev.ripple.replica;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The applied position of one source partition as a store holds it.
 *
 * @param partition the source partition
 * @param offsets its entries: one per source topic that has reached this region on this partition
 * @param sourceDt per entry, the source {@code dt} of the record or watermark that moved it last
 */
public record StoredPosition(int partition, Position offsets, Map<TopicPartitionKey, Instant> sourceDt) {
    public StoredPosition {
        Objects.requireNonNull(offsets, "offsets");
        sourceDt = Map.copyOf(Objects.requireNonNull(sourceDt, "sourceDt"));
        for (TopicPartitionKey entry : offsets.partitions()) {
            if (entry.partition() != partition) {
                throw new IllegalArgumentException("Entry " + entry + " is not of partition " + partition);
            }
        }
    }
}
