package dev.ripple.monitor.dlq;

import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a dead-letter topic (read-committed, so no aborted record and no transaction marker) from each partition's
 * cursor, or one record by id, with a short-lived consumer that joins no group.
 */
final class DlqReader {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    /**
     * What a read found.
     *
     * @param waiting the waiting records read, partition by partition in offset order
     * @param seen per partition, the offsets of every record read from its cursor on, waiting or not, in order
     */
    record Read(List<ConsumerRecord<String, byte[]>> waiting, Map<TopicPartition, List<Long>> seen) {}

    private final KafkaSettings kafka;

    DlqReader(String bootstrapServers, Map<String, Object> clientSettings) {
        kafka = KafkaSettings.of(bootstrapServers, clientSettings, "ripple-dlq-reader");
    }

    /**
     * Reads the records each partition's cursor says are waiting (from its {@code next} on), until {@code limit}
     * are found or every partition is at its end.
     *
     * @param cursors by partition; a partition without one is read from its start
     * @throws NoSuchElementException if the topic does not exist
     */
    Read read(String topic, Map<TopicPartition, DlqCursor> cursors, int limit) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            partitions.forEach(tp -> consumer.seek(tp, Math.max(starts.get(tp),
                    cursors.getOrDefault(tp, DlqCursor.NONE).next())));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> waiting = new ArrayList<>();
            Map<TopicPartition, List<Long>> seen = new HashMap<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (waiting.size() < limit && System.nanoTime() < deadline && !atEnd(consumer, ends)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (waiting.size() >= limit) {
                        break;
                    }
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    seen.computeIfAbsent(tp, p -> new ArrayList<>()).add(r.offset());
                    if (cursors.getOrDefault(tp, DlqCursor.NONE).waiting(r.offset())) {
                        waiting.add(r);
                    }
                }
            }
            return new Read(waiting, seen);
        }
    }

    /**
     * The record with this id, or null if the topic has no such record.
     *
     * @param id {@code <partition>@<offset>}
     * @throws NoSuchElementException if the topic does not exist
     * @throws IllegalArgumentException for a malformed id
     */
    ConsumerRecord<String, byte[]> one(String topic, String id) {
        TopicPartition tp = parse(topic, id);
        long offset = Long.parseLong(id.substring(id.indexOf('@') + 1));
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            if (!partitions(consumer, topic).contains(tp)) {
                return null;
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    if (r.offset() > offset) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return KafkaClients.consumer(kafka, null, null, Map.of(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
            throw new NoSuchElementException("No topic " + topic + ": nothing has been written there yet.");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        return partitions;
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    static TopicPartition parse(String topic, String id) {
        if (id == null || !id.matches("\\d{1,9}@\\d{1,18}")) {
            throw new IllegalArgumentException("Invalid record id '" + id + "': use <partition>@<offset> as "
                    + "'ripple dlq list' prints it, e.g. 0@17");
        }
        return new TopicPartition(topic, Integer.parseInt(id.substring(0, id.indexOf('@'))));
    }
}
