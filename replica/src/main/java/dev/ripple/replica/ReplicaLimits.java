package dev.ripple.replica;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * The bounds of one region's applier. Each has a meter in {@link ReplicaMetricNames} that shows when it is hit.
 * Immutable; change with the {@code with…} methods.
 *
 * @param pollTimeout longest a Kafka poll blocks when there is nothing to do (1 ms to 1 s); the loop also wakes
 *     when an apply completes
 * @param maxPollRecords Kafka {@code max.poll.records} (1 to 10,000)
 * @param maxBatchRecords most records of one partition applied in one store call (1 to 10,000)
 * @param maxBatchBytes most body bytes in one store call (1 KiB to 64 MiB); a single larger record goes alone
 * @param maxBufferedRecords most records held per partition before the partition is paused (1 to 100,000)
 * @param dependencyWaitAlert a record waiting this long for its dependencies is counted and logged; it keeps
 *     waiting (availability yields to safety)
 * @param positionPublishInterval the applied position is published at most this often, and within this time of
 *     changing (1 ms to 10 s; DESIGN.md asks for 100 ms at most)
 * @param commitInterval offsets of durable applies are committed at most this often
 * @param retryBackoff wait after a failed store or target call before the batch is tried again
 * @param remoteRefreshInterval how often positions of partitions another instance owns are re-read from the store
 *     while a record waits on them
 */
public record ReplicaLimits(Duration pollTimeout, int maxPollRecords, int maxBatchRecords, int maxBatchBytes,
        int maxBufferedRecords, Duration dependencyWaitAlert, Duration positionPublishInterval,
        Duration commitInterval, Duration retryBackoff, Duration remoteRefreshInterval) {

    public ReplicaLimits {
        Checks.between(pollTimeout, "pollTimeout", Duration.ofMillis(1), Duration.ofSeconds(1));
        Checks.range(maxPollRecords, "maxPollRecords", 1, 10_000);
        Checks.range(maxBatchRecords, "maxBatchRecords", 1, 10_000);
        Checks.range(maxBatchBytes, "maxBatchBytes", 1 << 10, 64 << 20);
        Checks.range(maxBufferedRecords, "maxBufferedRecords", 1, 100_000);
        Checks.positive(dependencyWaitAlert, "dependencyWaitAlert");
        Checks.between(positionPublishInterval, "positionPublishInterval", Duration.ofMillis(1),
                Duration.ofSeconds(10));
        Checks.positive(commitInterval, "commitInterval");
        Checks.positive(retryBackoff, "retryBackoff");
        Checks.positive(remoteRefreshInterval, "remoteRefreshInterval");
    }

    /**
     * 50 ms polls, 500 records a poll, batches of 200 records or 4 MiB, 5,000 buffered per partition, dependency
     * waits alerted after 5 s, positions published every 100 ms, commits every 100 ms, 200 ms retry backoff,
     * remote positions re-read every 50 ms.
     */
    public static ReplicaLimits defaults() {
        return new ReplicaLimits(Duration.ofMillis(50), 500, 200, 4 << 20, 5_000, Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(50));
    }

    public ReplicaLimits withBatch(int records, int bytes) {
        return new ReplicaLimits(pollTimeout, maxPollRecords, records, bytes, maxBufferedRecords,
                dependencyWaitAlert, positionPublishInterval, commitInterval, retryBackoff, remoteRefreshInterval);
    }

    public ReplicaLimits withMaxBufferedRecords(int records) {
        return new ReplicaLimits(pollTimeout, maxPollRecords, maxBatchRecords, maxBatchBytes, records,
                dependencyWaitAlert, positionPublishInterval, commitInterval, retryBackoff, remoteRefreshInterval);
    }

    public ReplicaLimits withDependencyWaitAlert(Duration alert) {
        return new ReplicaLimits(pollTimeout, maxPollRecords, maxBatchRecords, maxBatchBytes, maxBufferedRecords,
                alert, positionPublishInterval, commitInterval, retryBackoff, remoteRefreshInterval);
    }

    public ReplicaLimits withRetryBackoff(Duration backoff) {
        return new ReplicaLimits(pollTimeout, maxPollRecords, maxBatchRecords, maxBatchBytes, maxBufferedRecords,
                dependencyWaitAlert, positionPublishInterval, commitInterval, backoff, remoteRefreshInterval);
    }
}
