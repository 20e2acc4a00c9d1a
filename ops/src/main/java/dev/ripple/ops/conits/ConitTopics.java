package dev.ripple.ops.conits;

import dev.ripple.events.TopicNames;
import dev.ripple.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The topics and Kafka clients of the conit tracker. */
final class ConitTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 6;

    private ConitTopics() {}

    /**
     * Creates what is missing, so the tracker may start before the propagator and the appliers:
     * {@code ripple.conit-log}, and the compacted {@code ripple.positions} and {@code ripple.conit-status}.
     */
    static void ensure(ConitTrackerConfig config) {
        TopicNames topics = config.topics();
        try (Admin admin = Admin.create(clientProperties(config, Map.of()))) {
            Topics.createAndAwait(admin, List.of(topics.conitLog()), PARTITIONS, TIMEOUT);
            Topics.createAndAwait(admin, List.of(topics.positions(), topics.conitStatus()), 1,
                    Map.of("cleanup.policy", "compact"), TIMEOUT);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not create the conit tracker's topics on "
                    + config.bootstrapServers() + ": " + e, e);
        }
    }

    static KafkaConsumer<String, byte[]> consumer(ConitTrackerConfig config) {
        return new KafkaConsumer<>(clientProperties(config, Map.of(
                "enable.auto.commit", false, "isolation.level", "read_committed", "client.id", "ripple-conit-tracker")),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<String, byte[]> producer(ConitTrackerConfig config) {
        return new KafkaProducer<>(clientProperties(config, Map.of("acks", "all",
                "linger.ms", 5, "client.id", "ripple-conit-status")), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The config's client properties (TLS, SASL, …), then {@code own}, then the bootstrap servers. */
    private static Map<String, Object> clientProperties(ConitTrackerConfig config, Map<String, Object> own) {
        Map<String, Object> props = new java.util.HashMap<>(config.kafkaOverrides());
        props.putAll(own);
        props.put("bootstrap.servers", config.bootstrapServers());
        return props;
    }

    /** Reads the conit log and the positions from their beginnings (no consumer group: nothing is committed). */
    static void assignFromBeginning(KafkaConsumer<String, byte[]> consumer, TopicNames topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.conitLog(), topics.positions())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }
}
