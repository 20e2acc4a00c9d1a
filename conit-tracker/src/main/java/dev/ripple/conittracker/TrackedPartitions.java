package dev.ripple.conittracker;

import dev.ripple.events.TopicNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the tracker's consumer reads, each topic from its beginning: {@code ripple.positions} always, and the source
 * streams it is told to follow that exist. A stream asked for later, or created after it was asked for, is picked
 * up at the next {@link #follow}; a stream no longer asked for is let go. The tracker is caught up once it has read
 * what it took up at the first call, and again whenever it takes the streams up after following none (the first
 * conit), up to the end each partition had then: before that its statuses would count writes whose application it
 * has not read yet, or miss writes it has not read yet. A stream added while others are followed is read as it comes,
 * without holding statuses back. A lookup Kafka does not answer within {@link ConitTopics#LOOKUP} throws its
 * {@link org.apache.kafka.common.errors.TimeoutException} before anything changed, so the call can be made again.
 * Not thread-safe: owned by the tracker's thread.
 */
final class TrackedPartitions {
    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final Set<String> followed = new HashSet<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** The end offset each partition taken up had when it was taken, until the consumer has read that far. */
    private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
    private boolean started;

    TrackedPartitions(KafkaConsumer<String, byte[]> consumer, TopicNames topics) {
        this.consumer = consumer;
        this.topics = topics;
    }

    /**
     * Follows the positions and the topic of every stream of {@code streams} that exists, and lets go of every stream
     * not among them. A topic counts as followed only once it is assigned from its beginning, so a call that a
     * consumer wake-up cuts short is simply made again.
     */
    void follow(Collection<String> streams) {
        Set<String> wanted = new HashSet<>();
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
        List<TopicPartition> dropped = assigned.stream().filter(p -> !wanted.contains(p.topic())).toList();
        boolean awaited = !started || followedStreams().isEmpty();
        Map<TopicPartition, Long> ends = added.isEmpty() ? Map.of() : consumer.endOffsets(added, ConitTopics.LOOKUP);
        lowerEnds();
        if (!added.isEmpty() || !dropped.isEmpty()) {
            dropped.forEach(assigned::remove);
            dropped.forEach(catchingUp::remove);
            followed.retainAll(wanted);
            assigned.addAll(added);
            consumer.assign(List.copyOf(assigned));
            consumer.seekToBeginning(added);
            if (awaited) {
                catchingUp.putAll(ends);
            }
            followed.addAll(found);
        }
        started = true;
    }

    /** A partition still being caught up with whose log was recreated shorter: its end now is the one to reach. */
    private void lowerEnds() {
        if (!catchingUp.isEmpty()) {
            consumer.endOffsets(catchingUp.keySet(), ConitTopics.LOOKUP).forEach((partition, end) ->
                    catchingUp.computeIfPresent(partition, (p, target) -> Math.min(target, end)));
        }
    }

    /**
     * Has the consumer read every partition it waits for up to that partition's end when it took it? False before
     * the first {@link #follow}, and again while the streams taken up for a first conit are read.
     */
    boolean caughtUp() {
        catchingUp.entrySet().removeIf(e -> consumer.position(e.getKey(), ConitTopics.LOOKUP) >= e.getValue());
        return started && catchingUp.isEmpty();
    }

    /** Whether no partition is assigned yet (a consumer must not poll then): no {@link #follow} has succeeded. */
    boolean nothingAssigned() {
        return assigned.isEmpty();
    }

    /** The source streams' topics followed now, sorted. */
    Set<String> followedStreams() {
        Set<String> streams = new TreeSet<>(followed);
        streams.remove(topics.positions());
        return streams;
    }

    /** Is {@code topic} a source stream (rather than the positions)? */
    boolean isSource(String topic) {
        return !topic.equals(topics.positions()) && topics.streamOf(topic).isPresent();
    }
}
