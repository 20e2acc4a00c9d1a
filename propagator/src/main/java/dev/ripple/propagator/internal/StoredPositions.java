package dev.ripple.propagator.internal;

import dev.ripple.events.SourcePosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's last processed position in each source topic (what its watermarks may claim, {@link RegionOutputs}),
 * kept in the version gate's store beside the keys' versions. One store for both means one changelog partition per
 * task in each commit's transaction instead of two; every partition a transaction touches costs the broker a
 * verification and a marker per commit (issue 26).
 *
 * <p>A position's key is {@code "\n" + topic}. A gate key is {@code topic + "\n" + key}, and a topic name is never
 * empty, so the two cannot collide. Its value has the store's 17-byte form, with the source record's timestamp
 * (epoch milliseconds) where a key's version holds its revision. Its partition is the task's: every source topic
 * of a task is read at the task's partition.
 */
final class StoredPositions {
    private static final String PREFIX = "\n";

    private StoredPositions() {}

    /** Keeps {@code position} as its topic's position, replacing the one before. */
    static void put(KeyValueStore<String, KeyVersion> store, SourcePosition position) {
        store.put(PREFIX + position.topic(), new KeyVersion(position.dt().toEpochMilli(), position.offset()));
    }

    /** Every position {@code store} holds, by source topic, each at {@code partition}. */
    static Map<String, SourcePosition> readAll(KeyValueStore<String, KeyVersion> store, int partition) {
        Map<String, SourcePosition> positions = new HashMap<>();
        try (KeyValueIterator<String, KeyVersion> all = store.prefixScan(PREFIX, new StringSerializer())) {
            all.forEachRemaining(entry -> {
                String topic = entry.key.substring(PREFIX.length());
                positions.put(topic, new SourcePosition(topic, partition, entry.value.offset(),
                        Instant.ofEpochMilli(entry.value.revision())));
            });
        }
        return positions;
    }

    /**
     * Moves the positions of the store that held them before this one (a separate {@code source-progress} store)
     * into {@code store}, keeping the further of two for a topic, and empties the former. Called at a task's start.
     *
     * @return how many positions were moved
     */
    static int moveFrom(KeyValueStore<String, SourcePosition> former, KeyValueStore<String, KeyVersion> store) {
        Map<String, SourcePosition> moved = new HashMap<>();
        try (KeyValueIterator<String, SourcePosition> all = former.all()) {
            all.forEachRemaining(entry -> moved.put(entry.key, entry.value));
        }
        moved.forEach((topic, position) -> {
            KeyVersion kept = store.get(PREFIX + topic);
            if (kept == null || kept.offset() < position.offset()) {
                put(store, position);
            }
            former.delete(topic);
        });
        return moved.size();
    }
}
