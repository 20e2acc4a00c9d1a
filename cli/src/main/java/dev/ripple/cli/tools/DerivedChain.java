package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds the chain that produced a derived event (DESIGN.md 14): the event by {@code meta.id} in the
 * derived lane ({@code ripple.derived}), then each {@code triggered_by} in turn (a derived event one level up, or, at depth
 * 0, the root edit in {@code ripple.stream.*}), each scan bounded by time with {@code offsetsForTimes}. Not
 * thread-safe; one consumer without a group, closed with the chain.
 */
final class DerivedChain implements AutoCloseable {
    /** Records are stamped when written; an event's trigger was written before it, up to this much clock skew. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * One event of a chain, where it was read.
     *
     * @param event the event's JSON
     */
    record Link(String topic, int partition, long offset, Instant timestamp, JsonNode event) {
        String id() {
            return event.path("meta").path("id").asText();
        }

        int depth() {
            return event.path("depth").asInt(0);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final Duration timeout;

    DerivedChain(KafkaSettings settings, TopicNames topics, Duration timeout) {
        this.consumer = KafkaClients.consumer(settings, "deps-why", null, Map.of(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.topics = topics;
        this.timeout = timeout;
    }

    /** The derived event {@code id} written at or after {@code from}; empty if none. */
    Optional<Link> derived(String id, Instant from, Instant to) {
        return find(id, lanes(), from, to);
    }

    /**
     * The event that triggered {@code link}: a derived event of the depth above it, or the root edit; empty when
     * {@code link} is the root or its trigger is not found between the root's time and its own.
     */
    Optional<Link> trigger(Link link) {
        String id = link.event().path("triggered_by").asText("");
        if (link.depth() == 0 || id.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = link.event().path("root_event");
        Instant from = root.path("dt").isTextual() ? Instant.parse(root.path("dt").asText()).minus(SKEW)
                : link.timestamp().minus(Duration.ofHours(1));
        List<String> names = link.depth() == 1 ? topicsStartingWith(topics.prefix() + ".stream.") : lanes();
        return find(id, names, from, link.timestamp().plus(SKEW));
    }

    /** The derived lane. */
    private List<String> lanes() {
        return List.of(topics.derived());
    }

    private List<String> topicsStartingWith(String prefix) {
        return consumer.listTopics(timeout).keySet().stream().filter(t -> t.startsWith(prefix)).sorted().toList();
    }

    /** Scans {@code names} from {@code from} until {@code to} (by record time) or their end, for {@code id}. */
    private Optional<Link> find(String id, List<String> names, Instant from, Instant to) {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(timeout);
        for (String name : names) {
            all.getOrDefault(name, List.of()).forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
        }
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        consumer.assign(partitions);
        consumer.resume(partitions); // paused by an earlier scan
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, timeout);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp start = starts.get(p);
            if (start == null) { // nothing written since from
                consumer.seek(p, ends.remove(p));
                consumer.pause(List.of(p));
            } else {
                consumer.seek(p, start.offset());
            }
        }
        ends.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
        Predicate<ConsumerRecord<byte[], byte[]>> past = r -> r.timestamp() > to.toEpochMilli();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ends.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (!ends.containsKey(p)) {
                    continue;
                }
                Optional<Link> found = match(id, record);
                if (found.isPresent()) {
                    return found;
                }
                if (record.offset() + 1 >= ends.get(p) || past.test(record)) {
                    ends.remove(p);
                    consumer.pause(List.of(p));
                }
            }
            // transaction markers and aborted records leave a partition's position at its end with no record
            ends.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
        }
        if (!ends.isEmpty()) {
            throw new IllegalStateException("the scan of " + names + " did not finish within " + timeout.toSeconds()
                    + " s");
        }
        return Optional.empty();
    }

    private static Optional<Link> match(String id, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if (event != null && id.equals(event.path("meta").path("id").asText(null))) {
                return Optional.of(new Link(record.topic(), record.partition(), record.offset(),
                        Instant.ofEpochMilli(record.timestamp()), event));
            }
        } catch (IOException e) {
            // not an event (a dead letter's bytes): not the one looked for
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
