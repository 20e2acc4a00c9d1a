package dev.ripple.replica;

import dev.ripple.events.RegionRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A store whose applies start {@code delayMs} late: a deliberately slow region. Reads are not slowed. */
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
