package dev.ripple.monitor.dlq;

import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The depth of dead-letter queues in records: how many records of each partition its {@link DlqCursor} says still wait.
 * Offsets cannot say it (a transactional DLQ, the propagator's, holds a commit marker after every transaction, and
 * aborted records take offsets too), so the records are read, read-committed, with a consumer that joins no group, and
 * counted. The count is kept per partition and only what was appended since is read at the next sample; it is
 * counted again from the cursor when the cursor moves (a replay) or the log start passes it (retention). Each call
 * reads for at most {@code budget}; a partition not read to its end by then counts what was read, and goes on at the
 * next call. Not thread-safe: the lag monitor's sampling thread owns it.
 */
public final class DlqDepths implements AutoCloseable {
    private record Count(DlqCursor cursor, long readTo, long waiting) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration budget;
    private final Map<TopicPartition, Count> counts = new HashMap<>();

    /** @param budget longest time one {@link #count} spends reading */
    public DlqDepths(KafkaSettings kafka, Duration budget) {
        this.consumer = KafkaClients.consumer(kafka, "dlq-depth", null, Map.of(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.budget = budget;
    }

    /**
     * Records waiting in each partition.
     *
     * @param offsets every partition of the DLQ topics: {log start offset, last stable offset}
     * @param cursors what was replayed, by partition; none for a partition never replayed
     * @return an entry for every partition of {@code offsets}
     */
    public Map<TopicPartition, Long> count(Map<TopicPartition, long[]> offsets, Map<TopicPartition, DlqCursor> cursors) {
        counts.keySet().retainAll(offsets.keySet());
        Map<TopicPartition, Long> ends = new HashMap<>();
        offsets.forEach((tp, range) -> {
            DlqCursor cursor = cursors.getOrDefault(tp, DlqCursor.NONE);
            Count count = counts.get(tp);
            if (count == null || !count.cursor().equals(cursor) || range[0] > count.readTo()
                    || range[1] < count.readTo()) {
                count = new Count(cursor, Math.max(range[0], cursor.next()), 0);
                counts.put(tp, count);
            }
            if (count.readTo() < range[1]) {
                ends.put(tp, range[1]);
            }
        });
        if (!ends.isEmpty()) {
            read(ends);
        }
        Map<TopicPartition, Long> waiting = new HashMap<>();
        offsets.keySet().forEach(tp -> waiting.put(tp, counts.get(tp).waiting()));
        return waiting;
    }

    private void read(Map<TopicPartition, Long> ends) {
        consumer.assign(List.copyOf(ends.keySet()));
        ends.keySet().forEach(tp -> consumer.seek(tp, counts.get(tp).readTo()));
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            while (System.nanoTime() < deadline && ends.entrySet().stream()
                    .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                Map<TopicPartition, Long> found = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (counts.get(tp).cursor().waiting(r.offset())) {
                        found.merge(tp, 1L, Long::sum);
                    }
                }
                for (TopicPartition tp : ends.keySet()) {
                    Count count = counts.get(tp);
                    counts.put(tp, new Count(count.cursor(), consumer.position(tp),
                            count.waiting() + found.getOrDefault(tp, 0L)));
                }
            }
        } finally {
            consumer.unsubscribe();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
