package dev.ripple.conittracker;

import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The topics and Kafka clients of the conit tracker, from the shared specification and factory. */
final class ConitTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a lookup (a topic's partitions, a log's end, a position) waits for Kafka: short, since the tracker
     * does not measure meanwhile.
     */
    static final Duration LOOKUP = Duration.ofSeconds(1);

    private ConitTopics() {}

    /**
     * Creates what is missing, so the tracker may start before the propagator and the appliers: the compacted
     * {@code ripple.positions} and {@code ripple.conit-status}. The source streams are the intake's to create; the
     * tracker follows each once it exists.
     */
    static void ensure(ConitTrackerConfig config) {
        RippleTopics topics = RippleTopics.of(config.topics(), RippleTopics.DEFAULT_PARTITIONS);
        try (Admin admin = KafkaClients.admin(kafka(config))) {
            TopicProvisioner.ensure(admin, List.of(topics.positions(), topics.conitStatus()), TIMEOUT);
        } catch (KafkaSetupException e) {
            throw new IllegalStateException("Could not create the conit tracker's topics on "
                    + config.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** Reads committed records only (a source write counts once the intake's send is acknowledged). */
    static KafkaConsumer<String, byte[]> consumer(ConitTrackerConfig config) {
        return KafkaClients.consumer(kafka(config), null, null, Map.of("isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Publishes statuses; a send waits for Kafka's metadata at most one publish interval ({@code max.block.ms}), so
     * a broker out of reach does not stop the tracker's thread from measuring (an in-process read gate reads those
     * measurements). A status not sent is dropped, and published again when it changes or at its next heartbeat.
     */
    static KafkaProducer<String, byte[]> producer(ConitTrackerConfig config) {
        return KafkaClients.producer(kafka(config), "status", Map.of("linger.ms", 5, "max.block.ms",
                config.publishInterval().toMillis()), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The partitions of {@code topic}, empty while it does not exist.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if Kafka does not answer within {@link #LOOKUP}
     */
    static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, LOOKUP);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaSettings kafka(ConitTrackerConfig config) {
        return KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(),
                ConsumerGroups.of(config.topics()).of("conit-tracker"));
    }
}
