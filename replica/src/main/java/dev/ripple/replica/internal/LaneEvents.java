package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ReplicaStoreException;
import dev.ripple.runtime.failure.BreakerOpenException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what lanes and batches report into meters and log lines (no bodies, no tokens). Loop thread only. */
final class LaneEvents implements LaneListener {
    private static final Logger log = LoggerFactory.getLogger(LaneEvents.class);

    private final String region;
    private final ApplierMetrics metrics;
    private final Set<Integer> failing = new HashSet<>();

    LaneEvents(String region, ApplierMetrics metrics) {
        this.region = region;
        this.metrics = metrics;
    }

    void batchApplied(int partition, List<AppliedEntry> entries, long nanos) {
        metrics.batchDone(Duration.ofNanos(nanos), entries.size());
        for (AppliedEntry entry : entries) {
            switch (entry.outcome()) {
                case APPLIED -> {
                    metrics.applied.increment();
                    if (entry.record() instanceof ReplicationRecord replication) {
                        Duration e2e = Duration.between(replication.trace().accepted(), entry.appliedAt());
                        metrics.endToEnd.record(e2e.isNegative() ? Duration.ZERO : e2e);
                    }
                }
                case STALE -> metrics.stale.increment();
                case WATERMARK -> metrics.watermarks.increment();
            }
        }
        if (failing.remove(partition)) {
            log.info("Region {} partition {}: applying again", region, partition);
        }
    }

    void batchFailed(PartitionLane lane, PartitionLane.Batch batch, Throwable error, long nowMs, long backoffMs) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        long first = batch.entries().get(0).offset();
        if (cause instanceof ReplicaStoreException store && !store.retriable()) {
            metrics.storeFailures.increment();
            lane.failedForGood(batch, store.getMessage());
            return;
        }
        lane.failed(batch, nowMs, backoffMs);
        if (cause instanceof BreakerOpenException) {
            metrics.breakerOpen.increment();
        } else if (cause instanceof ReplicaStoreException) {
            metrics.storeFailures.increment();
        } else {
            metrics.targetFailures.increment();
        }
        if (failing.add(lane.partition())) {
            log.warn("Region {} partition {}: batch from offset {} failed ({}); the partition is paused and the batch "
                    + "retried every {} ms until it succeeds", region, lane.partition(), first, cause.getMessage(),
                    backoffMs);
        } else {
            log.debug("Region {} partition {}: batch from offset {} failed again ({})", region, lane.partition(),
                    first, cause.getMessage());
        }
    }

    @Override
    public void dependencyWaitStarted(int partition, long offset, List<Position.Shortfall> missing) {
        metrics.dependencyWaits.increment();
        log.debug("Region {} partition {}: record at offset {} waits for {}", region, partition, offset, missing);
    }

    @Override
    public void dependencyWaitEnded(int partition, long offset, long waitedMs) {
        metrics.dependencyWait.record(Duration.ofMillis(waitedMs));
    }

    @Override
    public void dependencyWaitExceeded(int partition, long offset, List<Position.Shortfall> missing, long waitedMs) {
        metrics.dependencyWaitsExceeded.increment();
        log.warn("Region {} partition {}: record at offset {} has waited {} ms for its dependencies {}; it keeps "
                + "waiting (a dependency is never skipped). Check the appliers of those partitions and the "
                + "propagator.", region, partition, offset, waitedMs, missing);
    }

    @Override
    public void batchLimitHit(int partition) {
        metrics.batchLimitHits.increment();
    }

    @Override
    public void stuck(int partition, long offset, String reason) {
        log.error("Region {} partition {}: stopped at offset {}: {}. The other partitions go on; this one stays "
                + "paused until the record is fixed (or the group's offset is moved past it with "
                + "kafka-consumer-groups) and the applier restarted.", region, partition, offset, reason);
    }
}
