package dev.ripple.monitor.lag.internal;

import dev.ripple.monitor.lag.Membership;
import dev.ripple.monitor.lag.RippleGroup;
import dev.ripple.monitor.lag.TopicOffsets;
import java.util.List;
import java.util.Objects;

/** What one pass over Kafka read, before any evaluation. */
record Reading(List<Group> groups, List<TopicOffsets> topics) {
    Reading {
        groups = List.copyOf(groups);
        topics = List.copyOf(topics);
    }

    /**
     * One group's offsets and membership.
     *
     * @param state Kafka's name of the group's state ({@code Stable}, {@code Empty}, …), or {@code Unknown}
     * @param membership what that state means to the status rules
     * @param error why the group could not be read, or null
     */
    record Group(RippleGroup group, String state, Membership membership, int members, List<Partition> partitions,
            String error) {
        Group {
            Objects.requireNonNull(membership, "membership");
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * One partition of a group.
     *
     * @param end the last stable offset
     * @param firstTimestamp timestamp (epoch ms) of the first record at or after {@code committed}; -1 if unknown
     *     or there is none
     * @param drained whether no data record remains at or after {@code committed} (at most transaction markers)
     * @param owner client id of the member that owns it, or null
     */
    record Partition(String topic, int partition, long committed, long logStart, long end, long firstTimestamp,
            boolean drained, String owner) {}
}
