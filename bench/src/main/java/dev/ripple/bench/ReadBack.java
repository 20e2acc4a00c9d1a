package dev.ripple.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic to its end and checks what a round wrote: every expected event present once, each key's events in
 * ascending version order. Versions come from the record value through {@code version}; a null version skips
 * the record (e.g. a watermark).
 */
public final class ReadBack {
    private ReadBack() {}

    /** Checks {@code topic} from the beginning, expecting {@code expected} distinct (key, version) pairs. */
    public static Correctness check(String bootstrap, String topic, long expected,
            Function<byte[], Long> version) {
        Map<String, Long> lastVersion = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long reordered = 0;
        long duplicates = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", false, "isolation.level", "read_committed", "max.poll.records", 5000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                if (caughtUp(consumer, end)) {
                    if (seen.size() >= expected || System.nanoTime() > settled) {
                        break;
                    }
                    // short of events at the end: a committed transaction's markers may still be on their way to
                    // some partitions (the end a read_committed reader sees moves once they land), so look again
                    end = consumer.endOffsets(partitions);
                    settled = Math.min(settled, System.nanoTime() + Duration.ofSeconds(10).toNanos());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Long v = version.apply(record.value());
                    if (v == null) {
                        continue;
                    }
                    if (!seen.add(record.key() + "@" + v)) {
                        duplicates++;
                        continue;
                    }
                    Long previous = lastVersion.put(record.key(), v);
                    if (previous != null && previous > v) {
                        reordered++;
                    }
                }
            }
        }
        return new Correctness(expected, seen.size(), reordered, duplicates);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
