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
    private static final String CLAIM = "claim:";
    private static final String CURSOR = "cursor:";
    private static final String STATE = "state";
    private static final String GENERATION = "gen";

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
     * The position of a partition's position hash in {@code epoch}, with its state and generation. An absent hash is
     * {@link StoredPosition.Status#ABSENT}; one of an earlier epoch (its offsets are of source logs since recreated)
     * has the empty position of {@code epoch}.
     *
     * @throws ReplicaStoreException (retriable) if the hash is of a later epoch: this part has not followed the bump
     *     yet
     */
    static StoredPosition position(String hashKey, int partition, long epoch, Map<String, String> hash) {
        if (hash.isEmpty()) {
            return new StoredPosition(partition, Position.empty(epoch), Map.of(), StoredPosition.Status.ABSENT, null,
                    Map.of());
        }
        String held = hash.get("epoch");
        long heldEpoch = held == null ? epoch : Long.parseLong(held);
        if (heldEpoch > epoch) {
            throw new ReplicaStoreException(hashKey + " holds positions of epoch " + held + ", later than this part's "
                    + "epoch " + epoch + ". A part just behind a bump catches up on its own; otherwise /ripple/epoch "
                    + "was lowered (raise it back to " + held + ") or another deployment writes to this Redis (give "
                    + "each its own key prefix).", true, null);
        }
        StoredPosition.Status state = "rebuilding".equals(hash.get(STATE)) ? StoredPosition.Status.REBUILDING
                : StoredPosition.Status.SERVING;
        Map<TopicPartitionKey, Long> offsets = new TreeMap<>();
        Map<TopicPartitionKey, Instant> dts = new HashMap<>();
        Map<String, Long> cursor = new TreeMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith(DT)) {
                dts.put(TopicPartitionKey.parse(field.substring(DT.length())), millis(value));
            } else if (field.startsWith(CURSOR)) {
                cursor.put(field.substring(CURSOR.length()), Long.parseLong(value));
            } else if (field.indexOf(':') > 0 && !field.startsWith(CLAIM)) {
                offsets.put(TopicPartitionKey.parse(field), Long.parseLong(value));
            }
        });
        if (heldEpoch < epoch) {
            offsets.clear();
            dts.clear();
        }
        return new StoredPosition(partition, Position.of(epoch, offsets), dts, state, hash.get(GENERATION), cursor);
    }

    private static Instant millis(String text) {
        return Instant.ofEpochMilli(Long.parseLong(text));
    }
}
