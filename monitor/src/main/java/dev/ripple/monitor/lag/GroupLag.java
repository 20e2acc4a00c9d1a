package dev.ripple.monitor.lag;

import java.util.List;
import java.util.Objects;

/**
 * One Ripple consumer group at the latest sample.
 *
 * @param group which group
 * @param state the group's state as Kafka reports it ({@code Stable}, {@code Empty}, …), or {@code Unknown}
 * @param members live members
 * @param status the worst partition status
 * @param reason the worst partition's reason, naming it
 * @param lag records not yet consumed, summed over partitions
 * @param timeLagMs the largest partition time lag, in ms
 * @param partitions per partition, by topic and partition
 */
public record GroupLag(RippleGroup group, String state, int members, LagStatus status, String reason, long lag,
        long timeLagMs, List<PartitionLag> partitions) {
    public GroupLag {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        partitions = List.copyOf(partitions);
    }
}
