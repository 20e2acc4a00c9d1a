package dev.ripple.conittracker;

import dev.ripple.events.TopicNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the tracker's consumer reads, from the beginning: {@code ripple.positions} and the source stream of every
 * configured stream that exists. A stream added to the config, or created after the tracker started, is picked up at
 * the next {@link #follow}. The tracker has caught up once it has read, on every partition it was given at start, up
 * to the end that partition had then: before that its statuses would count writes whose application it has not read
 * yet, or miss writes it has not read yet. Not thread-safe: owned by the tracker's thread.
 */
final class TrackedPartitions {
    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final Set<String> followed = new HashSet<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> startEnds;
    private boolean caughtUp;

    TrackedPartitions(KafkaConsumer<String, byte[]> consumer, TopicNames topics) {
        this.consumer = consumer;
        this.topics = topics;
    }

    /**
     * Follows the positions and every stream of {@code streams} not followed yet whose topic exists. The first call
     * records the end offsets to catch up with. A topic counts as followed only once it is assigned from its
     * beginning, so a call that a consumer wake-up cuts short is simply made again.
     */
    void follow(Collection<String> streams) {
        List<String> wanted = new ArrayList<>();
        wanted.add(topics.positions());
        streams.forEach(s -> wanted.add(topics.stream(s)));
        List<String> found = new ArrayList<>();
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : wanted) {
            if (!followed.contains(topic)) {
                List<TopicPartition> partitions = ConitTopics.partitions(consumer, topic);
                if (!partitions.isEmpty()) {
                    found.add(topic);
                    added.addAll(partitions);
                }
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(List.copyOf(assigned));
            consumer.seekToBeginning(added);
            followed.addAll(found);
        }
        if (startEnds == null) {
            startEnds = new HashMap<>(consumer.endOffsets(assigned));
        }
    }

    /** Has the consumer read every partition it had at start up to that partition's end then? Stays true once true. */
    boolean caughtUp() {
        if (!caughtUp && startEnds != null) {
            startEnds.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            caughtUp = startEnds.isEmpty();
        }
        return caughtUp;
    }

    /** Is {@code topic} a source stream (rather than the positions)? */
    boolean isSource(String topic) {
        return !topic.equals(topics.positions()) && topics.streamOf(topic).isPresent();
    }
}
