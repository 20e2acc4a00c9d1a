package dev.ripple.replica;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.RegionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers and readers for replica ITs. */
final class Kafka {
    private Kafka() {}

    static KafkaProducer<String, RegionRecord> regionProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 0),
                new StringSerializer(), EventSerdes.regionRecord().serializer());
    }

    /** Sends a record to the region topic partition equal to its source partition, and waits for the ack. */
    static void send(KafkaProducer<String, RegionRecord> producer, String topic, String key, RegionRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, record.source().partition(), key, record)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The last position each region published on the positions topic, read from the beginning. */
    static Map<String, RegionPosition> latestPositions(String bootstrap, String topic) {
        Map<String, RegionPosition> latest = new TreeMap<>();
        try (KafkaConsumer<String, RegionPosition> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrap), new StringDeserializer(), EventSerdes.regionPosition().deserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, RegionPosition> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }
}
