package dev.ripple.replica.internal;

import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ReplicaStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Makes one batch durable: first every HTTP target gets each record, in order; then the store applies the batch
 * and moves the position in one atomic step. Targets are idempotent by dot, so a batch retried after a failure
 * (or a crash) is safe to send again.
 */
final class BatchRunner {
    private final ReplicaStore store;
    private final List<HttpTarget> targets;

    BatchRunner(ReplicaStore store, List<HttpTarget> targets) {
        this.store = store;
        this.targets = List.copyOf(targets);
    }

    List<HttpTarget> targets() {
        return targets;
    }

    CompletableFuture<List<AppliedEntry>> run(List<RegionRecord> records) {
        CompletableFuture<Void> delivered = CompletableFuture.completedFuture(null);
        if (!targets.isEmpty()) {
            for (RegionRecord record : records) {
                if (record instanceof ReplicationRecord replication) {
                    delivered = delivered.thenCompose(v -> toAll(replication));
                }
            }
        }
        return delivered.thenCompose(v -> store.apply(records)).toCompletableFuture();
    }

    private CompletableFuture<Void> toAll(ReplicationRecord record) {
        return CompletableFuture.allOf(targets.stream()
                .map(target -> target.deliver(record))
                .map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }
}
