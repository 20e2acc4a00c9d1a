package dev.ripple.prober;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.events.EventJson;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ripple.probe-inconsistencies}: the prober writes each {@link Inconsistency} there, keyed so that the topic
 * keeps the latest look at each (region, target, write); {@link #read} lists them. Thread-safe.
 */
public final class InconsistencyLog implements AutoCloseable {
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    private InconsistencyLog(String topic, KafkaProducer<String, byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    /** Creates the topic if it is missing (compacted, one partition) and opens a producer to it. */
    public static InconsistencyLog open(KafkaSettings kafka, TopicNames topics) {
        try (Admin admin = KafkaClients.admin(kafka)) {
            TopicProvisioner.ensure(admin, List.of(RippleTopics.of(topics, 1).probeInconsistencies()), TOPIC_TIMEOUT);
        }
        return new InconsistencyLog(topics.probeInconsistencies(), KafkaClients.idempotentProducer(kafka, "prober",
                Map.of(), new StringSerializer(), new ByteArraySerializer()));
    }

    /** Keeps {@code found} (asynchronously; a failed send is retried by the producer, then dropped). */
    public void write(Inconsistency found) {
        try {
            producer.send(new ProducerRecord<>(topic, found.recordKey(), EventJson.mapper().writeValueAsBytes(found)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An inconsistency could not be written as JSON", e);
        }
    }

    /**
     * Every inconsistency kept, the latest look at each, oldest write first; an empty list if the topic does not
     * exist. Reads the topic to its end as it was when called.
     */
    public static List<Inconsistency> read(KafkaSettings kafka, TopicNames topics, Duration timeout) {
        String name = topics.probeInconsistencies();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, "prober-reader", null, Map.of(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            if (!consumer.listTopics(timeout).containsKey(name)) {
                return List.of();
            }
            List<TopicPartition> partitions = consumer.partitionsFor(name, timeout).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions, timeout));
            Map<String, Inconsistency> latest = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), parse(record.value()));
                    }
                }
                Set<TopicPartition> done = Set.copyOf(ends.entrySet().stream()
                        .filter(e -> consumer.position(e.getKey()) >= e.getValue()).map(Map.Entry::getKey).toList());
                ends.keySet().removeAll(done);
            }
            if (!ends.isEmpty()) {
                throw new IllegalStateException("Could not read " + name + " to its end within " + timeout);
            }
            List<Inconsistency> all = new ArrayList<>(latest.values());
            all.removeIf(i -> i == null);
            all.sort((a, b) -> a.writtenAt() == null || b.writtenAt() == null ? 0
                    : a.writtenAt().compareTo(b.writtenAt()));
            return all;
        }
    }

    private static Inconsistency parse(byte[] value) {
        try {
            return EventJson.mapper().readValue(value, Inconsistency.class);
        } catch (IOException e) {
            return null; // not the prober's: left out
        }
    }

    /** Sends what is buffered and closes the producer. Idempotent. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
