package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ObjectRead;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.StoredObject;
import dev.ripple.replica.StoredPosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A replica store in memory, set directly by tests (apply and rebuilds are not supported). */
final class MemoryStore implements ReplicaStore {
    private final String region;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<Integer, StoredPosition> positions = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    MemoryStore(String region) {
        this.region = region;
    }

    void put(int partition, StoredObject object) {
        objects.put(partition + "/" + object.key(), object);
    }

    void position(StoredPosition position) {
        positions.put(position.partition(), position);
    }

    void failWith(RuntimeException e) {
        failure = e;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public CompletionStage<List<AppliedEntry>> apply(List<RegionRecord> records) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void claim(int partition, String generation, Position holds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> generation(int partition) {
        return Optional.empty();
    }

    @Override
    public CompletionStage<Void> beginRebuild(int partition, String generation, Map<TopicPartitionKey, Long> claim) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<AppliedEntry>> rebuild(int partition, String generation,
            List<ReplicationRecord> records, Map<String, Long> cursor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<StoredPosition> endRebuild(int partition, String generation,
            Map<TopicPartitionKey, Long> covered, boolean restoresClaim) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ObjectRead> read(int partition, String key) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        return CompletableFuture.completedFuture(new ObjectRead(objects.get(partition + "/" + key),
                stored(partition)));
    }

    @Override
    public CompletionStage<StoredPosition> position(int partition) {
        return failure != null ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.completedFuture(stored(partition));
    }

    private StoredPosition stored(int partition) {
        return positions.getOrDefault(partition, new StoredPosition(partition, Position.empty(1), Map.of()));
    }

    @Override
    public void close() {}
}
