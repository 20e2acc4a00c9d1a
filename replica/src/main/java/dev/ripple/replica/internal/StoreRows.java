package dev.ripple.replica.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.Op;
import dev.ripple.replica.ReplicaStoreException;
import dev.ripple.replica.StoredObject;
import dev.ripple.replica.StoredPosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the store's hashes into {@link StoredObject} and {@link StoredPosition}. */
final class StoreRows {
    private static final String DT = "dt:";

    private StoreRows() {}

    /** A flat {@code HGETALL} reply {@code [field, value, …]} as a map. */
    static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    /** The object of an object hash, or null for an empty (absent) hash. */
    static StoredObject object(String key, Map<String, String> hash) {
        if (hash.isEmpty()) {
            return null;
        }
        String rev = hash.get("rev");
        return new StoredObject(key, Op.fromWire(hash.get("op")), rev == null ? null : Long.valueOf(rev),
                Dot.parse(hash.get("dot")), hash.get("ctype"), hash.get("body"), millis(hash.get("dt")),
                millis(hash.get("applied_at")));
    }

    /**
     * The position of a partition's position hash. An absent hash is the empty position of {@code epoch}.
     *
     * @throws ReplicaStoreException (not retriable) if the hash was written in another epoch
     */
    static StoredPosition position(String hashKey, int partition, long epoch, Map<String, String> hash) {
        String held = hash.get("epoch");
        if (held != null && Long.parseLong(held) != epoch) {
            throw new ReplicaStoreException(hashKey + " holds positions of epoch " + held + " but this replica runs "
                    + "epoch " + epoch + ": the source topics were recreated since. Clear the region's keys (or use "
                    + "another key prefix) before replicating the new epoch into this store.", false, null);
        }
        Map<TopicPartitionKey, Long> offsets = new TreeMap<>();
        Map<TopicPartitionKey, Instant> dts = new HashMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith(DT)) {
                dts.put(TopicPartitionKey.parse(field.substring(DT.length())), millis(value));
            } else if (!field.equals("epoch")) {
                offsets.put(TopicPartitionKey.parse(field), Long.parseLong(value));
            }
        });
        return new StoredPosition(partition, Position.of(epoch, offsets), dts);
    }

    private static Instant millis(String text) {
        return Instant.ofEpochMilli(Long.parseLong(text));
    }
}
