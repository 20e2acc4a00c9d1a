package dev.ripple.propagator.internal;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** The sink side of {@link Routed}: its topic, its partition and its bytes. */
public final class RoutedSinks {
    private RoutedSinks() {}

    /** The topic a routed record names. */
    public static TopicNameExtractor<String, Routed> topic() {
        return (String key, Routed value, RecordContext context) -> value.topic();
    }

    /** The value's bytes as they are. */
    public static Serializer<Routed> serializer() {
        return (topic, routed) -> routed == null ? null : routed.value();
    }

    /**
     * Region partition = source partition. A source partition the region topic does not have is a deployment
     * error (a stream topic with more partitions than the cluster setting): it stops the task rather than
     * silently breaking co-partitioning.
     */
    public static StreamPartitioner<String, Routed> coPartitioner() {
        return (topic, key, routed, numPartitions) -> {
            if (routed.partition() < 0) {
                return Optional.empty();
            }
            if (routed.partition() >= numPartitions) {
                throw new StreamsException("Cannot co-partition a record of source partition " + routed.partition()
                        + " into " + topic + ", which has " + numPartitions + " partitions: every source stream "
                        + "must have the cluster's partition count. Recreate the stream topic with " + numPartitions
                        + " partitions (and raise the epoch), or recreate the region topics.");
            }
            return Optional.of(Set.of(routed.partition()));
        };
    }
}
