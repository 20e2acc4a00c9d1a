package dev.ripple.cachepurger;

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
        require(maxInFlight >= 1 && maxInFlight <= 100_000, "max_in_flight", maxInFlight, "must be 1 to 100000");
        require(maxPendingRecords >= 1 && maxPendingRecords <= 10_000_000, "max_pending_records", maxPendingRecords,
                "must be 1 to 10000000");
        require(maxPollRecords >= 1 && maxPollRecords <= 100_000, "max_poll_records", maxPollRecords,
                "must be 1 to 100000");
        require(batchSize >= 1 && batchSize <= 10_000, "batch_size", batchSize, "must be 1 to 10000");
        require(nonNegative(coalesceWindow), "coalesce_window", coalesceWindow, "must be zero or positive");
        require(positive(commitInterval), "commit_interval", commitInterval, "must be positive");
        require(positive(positionInterval), "position_interval", positionInterval, "must be positive");
        require(connectionsPerNode >= 1 && connectionsPerNode <= 1024, "connections_per_node", connectionsPerNode,
                "must be 1 to 1024");
        require(positive(closeTimeout), "close_timeout", closeTimeout, "must be positive");
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

    static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    static boolean nonNegative(Duration d) {
        return d != null && !d.isNegative();
    }

    static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + name + ": " + rule);
        }
    }
}
