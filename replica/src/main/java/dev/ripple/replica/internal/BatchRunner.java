package dev.ripple.replica.internal;

import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ReplicaStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Makes one batch durable: first every HTTP target gets each record, in order; then the store applies the batch
 * and moves the position in one atomic step. Targets are idempotent by dot, so a batch retried after a failure
 * (or a crash) is safe to send again.
 */
final class BatchRunner {
    private final ReplicaStore store;
    private final String topic;
    private final List<HttpTarget> targets;

    /** @param topic the region topic, which the batches are read from */
    BatchRunner(ReplicaStore store, String topic, List<HttpTarget> targets) {
        this.store = store;
        this.topic = topic;
        this.targets = List.copyOf(targets);
    }

    List<HttpTarget> targets() {
        return targets;
    }

    CompletableFuture<List<AppliedEntry>> run(PartitionLane.Batch batch) {
        List<RegionRecord> records = batch.records();
        List<HttpTarget.Delivery> replications = targets.isEmpty() ? List.of() : batch.entries().stream()
                .filter(entry -> entry.record() instanceof ReplicationRecord)
                .map(entry -> new HttpTarget.Delivery(topic, batch.partition(), entry.offset(),
                        (ReplicationRecord) entry.record()))
                .toList();
        if (replications.isEmpty()) {
            return store.apply(records).toCompletableFuture();
        }
        // each target gets the batch in order; targets are independent of one another
        return CompletableFuture.allOf(targets.stream().map(target -> target.deliverAll(replications))
                        .toArray(CompletableFuture[]::new))
                .thenCompose(v -> store.apply(records)).toCompletableFuture();
    }

    /** Stops the targets' sender threads. */
    void close() {
        targets.forEach(HttpTarget::close);
    }
}
