package dev.ripple.monitor.lag;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the monitor saw at one sample.
 *
 * @param at when it was taken; {@link Instant#EPOCH} before the first sample
 * @param groups Ripple consumer groups, by id
 * @param topics watched stream and dead-letter topics, by name
 * @param error why the latest sample failed (the rest is then the previous sample's), or null
 */
public record LagSnapshot(Instant at, List<GroupLag> groups, List<TopicOffsets> topics, String error) {
    /** Before the first sample. */
    public static final LagSnapshot EMPTY = new LagSnapshot(Instant.EPOCH, List.of(), List.of(), null);

    public LagSnapshot {
        Objects.requireNonNull(at, "at");
        groups = List.copyOf(groups);
        topics = List.copyOf(topics);
    }

    /** The group with this id, if the monitor saw it. */
    public Optional<GroupLag> group(String id) {
        return groups.stream().filter(g -> g.group().id().equals(id)).findFirst();
    }

    /** Watched topics of one kind. */
    public List<TopicOffsets> topics(TopicOffsets.Kind kind) {
        return topics.stream().filter(t -> t.kind() == kind).toList();
    }

    /** The same snapshot, marked as failed now. */
    public LagSnapshot failed(String why) {
        return new LagSnapshot(at, groups, topics, why);
    }
}
