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
     * into {@code store}, at a task's start. A topic's position is copied only while {@code store} has none for it,
     * and deleted from the former store once {@code store} has one: at the start after the copy, since under
     * at-least-once the two stores' changelogs are flushed apart, and a crash between them must not keep the
     * deletion and lose the copy. A position {@code store} already has is never replaced by the former store's,
     * which may be of a source topic since recreated: a position too far would let a watermark claim offsets not
     * yet routed, while one too near only delays a watermark until the next event.
     *
     * @return how many positions were copied
     */
    static int moveFrom(KeyValueStore<String, SourcePosition> former, KeyValueStore<String, KeyVersion> store) {
        Map<String, SourcePosition> held = new HashMap<>();
        try (KeyValueIterator<String, SourcePosition> all = former.all()) {
            all.forEachRemaining(entry -> held.put(entry.key, entry.value));
        }
        int copied = 0;
        for (Map.Entry<String, SourcePosition> entry : held.entrySet()) {
            if (store.get(PREFIX + entry.getKey()) == null) {
                put(store, entry.getValue());
                copied++;
            } else {
                former.delete(entry.getKey());
            }
        }
        return copied;
    }
}
