package dev.ripple.propagator;

import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.EpochSource;
import dev.ripple.config.ConfigDocument;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Topics, config stores, publishers and read_committed readers for the propagator's ITs. */
final class ItSupport {
    private ItSupport() {}

    static ConfigStore store(ConfigDocument... documents) {
        ConfigStore store = ConfigStore.inMemory();
        put(store, documents);
        return store;
    }

    static void put(ConfigStore store, ConfigDocument... documents) {
        store.txnRun(txn -> {
            for (ConfigDocument document : documents) {
                ConfigDocuments.put(txn, document);
            }
        });
    }

    /**
     * Waits until the propagator has reported running. Its Kafka Streams client may process records while a
     * follow-up rebalance still holds it in {@code REBALANCING}, so records read are no proof that it runs.
     */
    static void awaitRunning(Propagator propagator) {
        await().atMost(Duration.ofSeconds(60)).until(() -> propagator.state() == State.RUNNING);
    }

    static PublisherConfig publisher(String bootstrap, TopicNames topics) {
        return new PublisherConfig(bootstrap, topics, TestKeys.CODEC, EpochSource.fixed(0),
                PublisherConfig.DEFAULT_MAX_EVENT_BYTES,
                32L << 20, Duration.ofSeconds(10), Duration.ofSeconds(60), Map.of());
    }

    static int partitionCount(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    static List<ConsumerRecord<String, RegionRecord>> readReplicate(String bootstrap, String topic,
            Predicate<List<ConsumerRecord<String, RegionRecord>>> done, Duration timeout) {
        return read(bootstrap, topic, EventSerdes.regionRecord(), done, timeout);
    }

    static List<ConsumerRecord<String, PurgeRecord>> readPurge(String bootstrap, String topic,
            Predicate<List<ConsumerRecord<String, PurgeRecord>>> done, Duration timeout) {
        return read(bootstrap, topic, EventSerdes.purgeRecord(), done, timeout);
    }

    /** Reads {@code topic} from the beginning, committed records only, until {@code done} holds for what was read. */
    static <V> List<ConsumerRecord<String, V>> read(String bootstrap, String topic, Deserializer<V> values,
            Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return done.test(records);
            });
        }
        return records;
    }
}
