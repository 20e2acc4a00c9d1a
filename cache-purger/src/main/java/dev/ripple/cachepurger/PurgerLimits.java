package dev.ripple.cachepurger;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * Every bound of a {@link CachePurger}. Each is exported as gauge {@link PurgerMetricNames#LIMIT} (tag
 * {@code limit}), and each time one holds work back it counts {@link PurgerMetricNames#LIMIT_HITS}. Immutable.
 *
 * @param maxInFlight purges being sent to targets at once, across keys (one per key: a key's purges stay in order)
 * @param maxPendingRecords records read but not yet committed; at this many the purger pauses its partitions
 * @param maxPollRecords records one poll returns (Kafka {@code max.poll.records})
 * @param batchSize purges sent to a Redis target in one pipeline
 * @param coalesceWindow how long a purge waits for identical purges of its key to merge into it; zero merges only
 *     purges that are already waiting behind another purge of the key
 * @param commitInterval how often completed offsets are committed
 * @param positionInterval how often a changed purge position is published
 * @param connectionsPerNode persistent HTTP connections (requests in flight) per node of an http target
 * @param closeTimeout how long {@link CachePurger#close()} waits for purges in flight
 */
public record PurgerLimits(int maxInFlight, int maxPendingRecords, int maxPollRecords, int batchSize,
        Duration coalesceWindow, Duration commitInterval, Duration positionInterval, int connectionsPerNode,
        Duration closeTimeout) {

    public PurgerLimits {
        Checks.range(maxInFlight, "max_in_flight", 1, 100_000);
        Checks.range(maxPendingRecords, "max_pending_records", 1, 10_000_000);
        Checks.range(maxPollRecords, "max_poll_records", 1, 100_000);
        Checks.range(batchSize, "batch_size", 1, 10_000);
        Checks.notNegative(coalesceWindow, "coalesce_window");
        Checks.positive(commitInterval, "commit_interval");
        Checks.positive(positionInterval, "position_interval");
        Checks.range(connectionsPerNode, "connections_per_node", 1, 1024);
        Checks.positive(closeTimeout, "close_timeout");
    }

    /**
     * 1,024 purges in flight, 20,000 pending records, polls of 1,000, Redis batches of 256, no coalescing
     * window, commits every 200 ms, positions every 500 ms, 8 connections per node, 10 s to close.
     */
    public static PurgerLimits defaults() {
        return new PurgerLimits(1024, 20_000, 1000, 256, Duration.ZERO, Duration.ofMillis(200),
                Duration.ofMillis(500), 8, Duration.ofSeconds(10));
    }

    public PurgerLimits withMaxInFlight(int value) {
        return new PurgerLimits(value, maxPendingRecords, maxPollRecords, batchSize, coalesceWindow, commitInterval,
                positionInterval, connectionsPerNode, closeTimeout);
    }

    public PurgerLimits withMaxPendingRecords(int value) {
        return new PurgerLimits(maxInFlight, value, maxPollRecords, batchSize, coalesceWindow, commitInterval,
                positionInterval, connectionsPerNode, closeTimeout);
    }

    public PurgerLimits withBatchSize(int value) {
        return new PurgerLimits(maxInFlight, maxPendingRecords, maxPollRecords, value, coalesceWindow, commitInterval,
                positionInterval, connectionsPerNode, closeTimeout);
    }

    public PurgerLimits withCoalesceWindow(Duration value) {
        return new PurgerLimits(maxInFlight, maxPendingRecords, maxPollRecords, batchSize, value, commitInterval,
                positionInterval, connectionsPerNode, closeTimeout);
    }

    public PurgerLimits withConnectionsPerNode(int value) {
        return new PurgerLimits(maxInFlight, maxPendingRecords, maxPollRecords, batchSize, coalesceWindow,
                commitInterval, positionInterval, value, closeTimeout);
    }

    public PurgerLimits withIntervals(Duration commit, Duration position) {
        return new PurgerLimits(maxInFlight, maxPendingRecords, maxPollRecords, batchSize, coalesceWindow, commit,
                position, connectionsPerNode, closeTimeout);
    }
}
