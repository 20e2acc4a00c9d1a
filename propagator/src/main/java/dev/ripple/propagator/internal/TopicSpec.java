package dev.ripple.propagator.internal;

import java.util.Map;
import java.util.Objects;

/**
 * A topic the propagator needs.
 *
 * @param name the topic
 * @param partitions its partition count when created
 * @param coPartitioned whether an existing topic must have exactly that count (source and region topics)
 * @param kind what it is, for messages: {@code stream}, {@code region} or {@code side}
 * @param configs topic configs when created
 */
public record TopicSpec(String name, int partitions, boolean coPartitioned, String kind,
        Map<String, String> configs) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        configs = Map.copyOf(configs);
    }
}
