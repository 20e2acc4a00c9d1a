package dev.ripple.replica;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A store whose applies start {@code delayMs} late: a deliberately slow region. Reads and rebuilds are not slowed. */
final class SlowStore implements ReplicaStore {
    private final ReplicaStore delegate;
    private final long delayMs;

    SlowStore(ReplicaStore delegate, long delayMs) {
        this.delegate = delegate;
        this.delayMs = delayMs;
    }

    @Override
    public String region() {
        return delegate.region();
    }

    @Override
    public CompletionStage<List<AppliedEntry>> apply(List<RegionRecord> records) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS))
                .thenCompose(v -> delegate.apply(records));
    }

    @Override
    public void claim(int partition, String generation, Position holds) {
        delegate.claim(partition, generation, holds);
    }

    @Override
    public Optional<String> generation(int partition) {
        return delegate.generation(partition);
    }

    @Override
    public CompletionStage<Void> beginRebuild(int partition, String generation, Map<TopicPartitionKey, Long> claim) {
        return delegate.beginRebuild(partition, generation, claim);
    }

    @Override
    public CompletionStage<List<AppliedEntry>> rebuild(int partition, String generation,
            List<ReplicationRecord> records, Map<String, Long> cursor) {
        return delegate.rebuild(partition, generation, records, cursor);
    }

    @Override
    public CompletionStage<StoredPosition> endRebuild(int partition, String generation,
            Map<TopicPartitionKey, Long> covered, boolean restoresClaim) {
        return delegate.endRebuild(partition, generation, covered, restoresClaim);
    }

    @Override
    public CompletionStage<ObjectRead> read(int partition, String key) {
        return delegate.read(partition, key);
    }

    @Override
    public CompletionStage<StoredPosition> position(int partition) {
        return delegate.position(partition);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
