package dev.ripple.replica.internal;

import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How far a region is behind on one source partition, measured against the most advanced region known (the
 * frontier). Conservative where it can be: {@code versions} counts every record of the partition the region lacks
 * (the key's own versions can only be fewer), and {@code ms} is now minus the source dt of the newest record the
 * region has applied there (the oldest record it lacks is no older). Writes no region has applied yet are not
 * seen; the conit tracker ({@code ripple.conit-status}) is what measures against the source log.
 *
 * @param ms 0 when the region is at the frontier
 * @param versions 0 when the region is at the frontier
 */
record Staleness(long ms, long versions) {
    static final Staleness NONE = new Staleness(0, 0);

    static Staleness of(RegionPosition mine, Collection<RegionPosition> all, int partition, Instant now) {
        Map<TopicPartitionKey, Long> frontier = new HashMap<>();
        Map<TopicPartitionKey, Instant> oldestDt = new HashMap<>();
        for (RegionPosition region : all) {
            region.applied().offsets().forEach((entry, offset) -> {
                if (entry.partition() == partition) {
                    frontier.merge(entry, offset, Math::max);
                    Instant dt = region.sourceDt(entry);
                    if (dt != null) {
                        oldestDt.merge(entry, dt, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            });
        }
        long ms = 0;
        long versions = 0;
        for (Map.Entry<TopicPartitionKey, Long> entry : frontier.entrySet()) {
            long have = mine == null ? -1 : mine.applied().offset(entry.getKey());
            if (have < entry.getValue()) {
                versions = Math.max(versions, entry.getValue() - have);
                Instant dt = mine == null || mine.sourceDt(entry.getKey()) == null
                        ? oldestDt.get(entry.getKey()) : mine.sourceDt(entry.getKey());
                if (dt != null) {
                    ms = Math.max(ms, Math.max(0, now.toEpochMilli() - dt.toEpochMilli()));
                }
            }
        }
        return new Staleness(ms, versions);
    }

    boolean within(ReadHeaders.MaxStaleness bound) {
        return (bound.ms() == null || ms <= bound.ms()) && (bound.versions() == null || versions <= bound.versions());
    }
}
