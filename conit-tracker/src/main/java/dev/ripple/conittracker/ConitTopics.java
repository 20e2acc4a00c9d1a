package dev.ripple.conittracker;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
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

/** The topics and Kafka clients of the conit tracker, from the shared specification and factory. */
final class ConitTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConitTopics() {}

    /**
     * Creates what is missing, so the tracker may start before the propagator and the appliers:
     * {@code ripple.conit-log}, and the compacted {@code ripple.positions} and {@code ripple.conit-status}.
     */
    static void ensure(ConitTrackerConfig config) {
        RippleTopics topics = RippleTopics.of(config.topics(), RippleTopics.DEFAULT_PARTITIONS);
        try (Admin admin = KafkaClients.admin(kafka(config))) {
            TopicProvisioner.ensure(admin, List.of(topics.conitLog(), topics.positions(), topics.conitStatus()),
                    TIMEOUT);
        } catch (KafkaSetupException e) {
            throw new IllegalStateException("Could not create the conit tracker's topics on "
                    + config.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    static KafkaConsumer<String, byte[]> consumer(ConitTrackerConfig config) {
        return KafkaClients.consumer(kafka(config), null, null, Map.of(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    static KafkaProducer<String, byte[]> producer(ConitTrackerConfig config) {
        return KafkaClients.producer(kafka(config), "status", Map.of("linger.ms", 5), new StringSerializer(),
                new ByteArraySerializer());
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

    private static KafkaSettings kafka(ConitTrackerConfig config) {
        return KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(),
                ConsumerGroups.of(config.topics()).of("conit-tracker"));
    }
}
