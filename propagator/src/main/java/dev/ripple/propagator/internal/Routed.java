package dev.ripple.propagator.internal;

import java.util.Objects;

/**
 * A serialized output record and where it goes: the value type between the processor and the sinks, so one
 * dynamic sink serves every region (the processor has serialized it already, to check its size).
 *
 * @param topic the destination topic
 * @param partition the destination partition (the source partition, for region topics), or -1 to partition by key
 * @param value the serialized value; null only for a dead letter too large to hold its value
 */
public record Routed(String topic, int partition, byte[] value) {
    public Routed {
        Objects.requireNonNull(topic, "topic");
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1, was " + partition);
        }
    }
}
