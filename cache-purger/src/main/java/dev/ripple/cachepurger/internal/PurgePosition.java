package dev.ripple.cachepurger.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.SourcePosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The region's purge position: per source partition, the last source record such that it and every record before
 * it on the purge topic has been purged (or dead-lettered). Only moves forward. Used by the loop thread; read
 * elsewhere through {@link #last()}.
 */
final class PurgePosition {
    private final String region;
    private final Map<TopicPartitionKey, SourcePosition> entries = new HashMap<>();
    private boolean changed;
    private long version;
    private volatile RegionPosition last;

    PurgePosition(String region, Instant now) {
        this.region = region;
        this.last = new RegionPosition(region, Position.empty(0), Map.of(), now);
    }

    /** Takes {@code source} in if it is past what the position holds for its partition. */
    void advance(SourcePosition source) {
        TopicPartitionKey partition = new TopicPartitionKey(source.topic(), source.partition());
        SourcePosition current = entries.get(partition);
        if (current == null || source.offset() > current.offset()) {
            entries.put(partition, source);
            changed = true;
        }
    }

    /** Makes {@link #last()} reflect every advance so far, if any. */
    void refresh(long epoch, Instant now) {
        if (!changed) {
            return;
        }
        Map<TopicPartitionKey, Long> offsets = new HashMap<>();
        Map<String, Instant> dts = new HashMap<>();
        entries.forEach((partition, source) -> {
            offsets.put(partition, source.offset());
            dts.put(partition.toString(), source.dt());
        });
        last = new RegionPosition(region, Position.of(epoch, offsets), dts, now);
        changed = false;
        version++;
    }

    /** How many times {@link #last()} changed: 0 until something is purged. */
    long version() {
        return version;
    }

    /** The position as of the last {@link #refresh}; any thread. */
    RegionPosition last() {
        return last;
    }
}
