package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients of a purger, and the topics it may create. */
final class KafkaClients {
    private KafkaClients() {}

    /** Manual commits, read committed (the propagator writes transactionally), values as bytes. */
    static KafkaConsumer<String, byte[]> consumer(PurgerConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ripple-purger-" + config.region());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.limits().maxPollRecords());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Dead letters and positions: acknowledged by every in-sync replica, idempotent. */
    static KafkaProducer<String, byte[]> producer(PurgerConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.keySet().removeIf(k -> k.startsWith("auto.offset") || k.startsWith("isolation"));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ripple-purger-out-" + config.region());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Creates, unless they exist, the region's purge topic (with the cluster's partition count, as the propagator
     * would), its dead-letter topic and {@code ripple.positions} (compacted, one partition).
     *
     * @throws PurgerException if Kafka does not answer within 30 s
     */
    static void ensureTopics(PurgerConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.keySet().removeIf(k -> k.startsWith("auto.offset") || k.startsWith("isolation"));
        props.put("bootstrap.servers", config.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replicas = (short) Math.min(3, Math.max(1, brokers));
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            String purge = config.topics().purge(config.region());
            String dlq = config.topics().dlq(config.consumerName());
            String positions = config.topics().positions();
            if (!existing.contains(purge)) {
                missing.add(new NewTopic(purge, config.partitions(), replicas));
            }
            if (!existing.contains(dlq)) {
                missing.add(new NewTopic(dlq, 1, replicas));
            }
            if (!existing.contains(positions)) {
                missing.add(new NewTopic(positions, 1, replicas).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new PurgerException("Could not create " + result.getKey() + " on "
                                + config.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new PurgerException("Kafka at " + config.bootstrapServers() + " refused the purger of region "
                    + config.region() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PurgerException("Kafka at " + config.bootstrapServers() + " did not answer within 30 s while the "
                    + "purger of region " + config.region() + " was starting; is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PurgerException("Interrupted while the purger of region " + config.region() + " was starting",
                    e);
        }
    }
}
