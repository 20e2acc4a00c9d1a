package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.StoredPosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds region positions from what stores hold. */
final class Positions {
    private Positions() {}

    /**
     * The region position made of these partitions' stored positions, in the latest epoch among them and
     * {@code epoch}; what is stored in an earlier one covers nothing in it.
     *
     * @param rebuilding the partitions the region's applier last said are out of service
     */
    static RegionPosition of(String region, long epoch, List<StoredPosition> partitions, Instant now,
            Set<Integer> rebuilding) {
        long latest = partitions.stream().mapToLong(p -> p.offsets().epoch()).reduce(epoch, Math::max);
        Map<TopicPartitionKey, Long> offsets = new TreeMap<>();
        Map<String, Instant> dts = new HashMap<>();
        for (StoredPosition stored : partitions) {
            if (stored.offsets().epoch() == latest) {
                offsets.putAll(stored.offsets().offsets());
                stored.sourceDt().forEach((entry, dt) -> dts.put(entry.toString(), dt));
            }
        }
        return new RegionPosition(region, Position.of(latest, offsets), dts, now, rebuilding);
    }

    /**
     * {@code known} with the entries of {@code stored}'s partition replaced by {@code stored}: the position to
     * claim for a value read together with {@code stored}, so it never claims more of that partition than the
     * value shows. Of the two, only the later epoch's entries count.
     */
    static RegionPosition withPartition(RegionPosition known, StoredPosition stored, Instant now) {
        long epoch = Math.max(known.applied().epoch(), stored.offsets().epoch());
        Map<TopicPartitionKey, Long> offsets = new TreeMap<>();
        Map<String, Instant> dts = new HashMap<>();
        if (known.applied().epoch() == epoch) {
            known.applied().offsets().forEach((entry, offset) -> {
                if (entry.partition() != stored.partition()) {
                    offsets.put(entry, offset);
                    Instant dt = known.sourceDt(entry);
                    if (dt != null) {
                        dts.put(entry.toString(), dt);
                    }
                }
            });
        }
        if (stored.offsets().epoch() == epoch) {
            offsets.putAll(stored.offsets().offsets());
            stored.sourceDt().forEach((entry, dt) -> dts.put(entry.toString(), dt));
        }
        return new RegionPosition(known.region(), Position.of(epoch, offsets), dts, now, known.rebuilding());
    }
}
