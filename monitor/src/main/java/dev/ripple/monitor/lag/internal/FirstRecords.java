package dev.ripple.monitor.lag.internal;

import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the timestamp of the first record at or after an offset, with a consumer that belongs to no group and
 * commits nothing (read-committed, like Ripple's consumers). A timestamp is cached per partition and offset, so a
 * stopped group costs one fetch, not one per sample. Not thread-safe: the monitor's sampling thread owns it.
 */
final class FirstRecords implements AutoCloseable {
    /** The first record's timestamp (epoch ms), or -1 with {@code drained} when only markers remain. */
    record First(long timestamp, boolean drained) {
        static final First UNKNOWN = new First(-1, false);
        static final First DRAINED = new First(-1, true);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final Map<TopicPartition, Map.Entry<Long, First>> cache = new HashMap<>();

    FirstRecords(Map<String, Object> clientSettings, String bootstrapServers, Duration timeout) {
        this.consumer = KafkaClients.consumer(KafkaSettings.of(bootstrapServers, clientSettings,
                "ripple-lag-monitor-records"), null, null, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    /**
     * The first record at or after each requested offset.
     *
     * @param wanted partition → (offset to start at, the partition's end offset)
     * @return an entry per wanted partition; {@link First#UNKNOWN} for those not read within the timeout
     */
    Map<TopicPartition, First> read(Map<TopicPartition, long[]> wanted) {
        Map<TopicPartition, First> found = new HashMap<>();
        Set<TopicPartition> pending = new HashSet<>();
        wanted.forEach((tp, range) -> {
            Map.Entry<Long, First> cached = cache.get(tp);
            if (cached != null && cached.getKey() == range[0] && cached.getValue().timestamp() >= 0) {
                found.put(tp, cached.getValue());
            } else {
                pending.add(tp);
            }
        });
        cache.keySet().retainAll(wanted.keySet());
        if (!pending.isEmpty()) {
            fetch(pending, wanted, found);
        }
        pending.forEach(tp -> found.putIfAbsent(tp, First.UNKNOWN));
        return found;
    }

    private void fetch(Set<TopicPartition> pending, Map<TopicPartition, long[]> wanted,
            Map<TopicPartition, First> found) {
        consumer.assign(List.copyOf(pending));
        pending.forEach(tp -> consumer.seek(tp, wanted.get(tp)[0]));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                    if (!list.isEmpty() && pending.remove(tp)) {
                        First first = new First(list.get(0).timestamp(), false);
                        found.put(tp, first);
                        cache.put(tp, Map.entry(wanted.get(tp)[0], first));
                        consumer.pause(List.of(tp));
                    }
                }
                for (TopicPartition tp : List.copyOf(pending)) {
                    try {
                        if (consumer.position(tp, Duration.ofMillis(100)) >= wanted.get(tp)[1]) {
                            pending.remove(tp);
                            found.put(tp, First.DRAINED);
                        }
                    } catch (TimeoutException e) {
                        // position not known yet: poll again until the deadline, then the time lag is unknown
                    }
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
