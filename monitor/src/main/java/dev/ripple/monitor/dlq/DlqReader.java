package dev.ripple.monitor.dlq;

import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a DLQ topic from its start (or one record by id) with a short-lived consumer that joins no group. */
final class DlqReader {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaSettings kafka;

    DlqReader(String bootstrapServers, Map<String, Object> clientSettings) {
        kafka = KafkaSettings.of(bootstrapServers, clientSettings, "ripple-dlq-reader");
    }

    /**
     * @param id {@code <partition>@<offset>} for one record, or null for records from the start of every partition
     * @throws NoSuchElementException if the topic does not exist
     * @throws IllegalArgumentException for a malformed id
     */
    List<ConsumerRecord<String, byte[]>> read(String topic, String id, int limit) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, null, null, Map.of(),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
                throw new NoSuchElementException("No dead-letter topic " + topic + ": nothing has failed there yet.");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            if (id != null) {
                TopicPartition tp = parse(topic, id);
                if (!partitions.contains(tp)) {
                    return List.of();
                }
                partitions = List.of(tp);
                consumer.assign(partitions);
                consumer.seek(tp, Long.parseLong(id.substring(id.indexOf('@') + 1)));
            } else {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (records.size() < limit && System.nanoTime() < deadline && !atEnd(consumer, ends)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (records.size() < limit && (id == null || (r.partition() + "@" + r.offset()).equals(id))) {
                        records.add(r);
                    }
                }
                if (id != null && !records.isEmpty()) {
                    break;
                }
            }
            return records;
        }
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static TopicPartition parse(String topic, String id) {
        if (!id.matches("\\d{1,9}@\\d{1,19}")) {
            throw new IllegalArgumentException("Invalid record id '" + id + "': use <partition>@<offset> as "
                    + "'ripple dlq list' prints it, e.g. 0@17");
        }
        return new TopicPartition(topic, Integer.parseInt(id.substring(0, id.indexOf('@'))));
    }
}
