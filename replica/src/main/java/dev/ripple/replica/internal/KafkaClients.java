package dev.ripple.replica.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients of an applier, and the one topic it may create. */
final class KafkaClients {
    private KafkaClients() {}

    /** Manual commits, read committed (the propagator writes transactionally), values as bytes. */
    static KafkaConsumer<String, byte[]> consumer(ReplicaConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ripple-replica-" + config.region());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.limits().maxPollRecords());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<String, RegionPosition> positionsProducer(ReplicaConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ripple-replica-positions-" + config.region());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.remove(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        props.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        return new KafkaProducer<>(props, new StringSerializer(), EventSerdes.regionPosition().serializer());
    }

    /** Sends the region's dead letters ({@code acks=all}: a dead letter counts once acknowledged). */
    static KafkaProducer<String, byte[]> deadLetterProducer(ReplicaConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ripple-replica-dlq-" + config.region());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.remove(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        props.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        return new KafkaProducer<>(props, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    /** Creates {@code ripple.positions} (compacted, one partition) unless it exists. */
    static void ensurePositionsTopic(ReplicaConfig config) {
        String topic = config.topics().positions();
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put("bootstrap.servers", config.bootstrapServers());
        props.keySet().removeIf(k -> k.startsWith("auto.offset") || k.startsWith("isolation"));
        try (Admin admin = Admin.create(props)) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            NewTopic positions = new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, brokers)))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(positions)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ReplicaException("Could not create " + topic + " on " + config.bootstrapServers() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new ReplicaException("Kafka at " + config.bootstrapServers() + " did not answer within 30 s while "
                    + "the applier of region " + config.region() + " was starting; is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicaException("Interrupted while creating " + topic, e);
        }
        if (!config.httpTargets().isEmpty()) {
            ensureDeadLetterTopic(config, props);
        }
    }

    /** Creates the region's dead-letter topic (one partition, as the purger's) unless it exists. */
    private static void ensureDeadLetterTopic(ReplicaConfig config, Map<String, Object> props) {
        String topic = KafkaReplicaApplier.deadLetterTopic(config);
        try (Admin admin = Admin.create(props)) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, brokers)))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ReplicaException("Could not create " + topic + " on " + config.bootstrapServers() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new ReplicaException("Kafka at " + config.bootstrapServers() + " did not answer within 30 s while "
                    + "the applier of region " + config.region() + " was starting; is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicaException("Interrupted while creating " + topic, e);
        }
    }
}
