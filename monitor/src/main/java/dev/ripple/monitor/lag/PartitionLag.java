package dev.ripple.monitor.lag;

import java.util.Objects;

/**
 * One group's lag on one partition at the latest sample.
 *
 * @param topic the topic
 * @param partition the partition
 * @param committed the group's committed offset
 * @param end the last stable offset (the end a read-committed consumer sees)
 * @param lag records not yet consumed (0 when caught up, also when only transaction markers remain)
 * @param timeLagMs now minus the timestamp of the first unconsumed record, in ms; 0 when caught up
 * @param owner client id of the live member that owns the partition, or null
 * @param status the partition's status over the window
 * @param reason why, in words
 */
public record PartitionLag(String topic, int partition, long committed, long end, long lag, long timeLagMs,
        String owner, LagStatus status, String reason) {
    public PartitionLag {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (lag < 0 || timeLagMs < 0) {
            throw new IllegalArgumentException("lag and timeLagMs must be >= 0, were " + lag + " and " + timeLagMs);
        }
    }
}
