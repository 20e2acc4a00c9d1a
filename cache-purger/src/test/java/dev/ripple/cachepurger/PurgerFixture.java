package dev.ripple.cachepurger;

import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.EpochDoc;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.testsupport.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A region of its own on the shared broker (topics named after a fresh region, so tests never see each other's
 * records), an in-memory config store holding the region and its purge targets, and a purger with its receipts,
 * dead letters and meters recorded.
 */
public final class PurgerFixture implements AutoCloseable {
    private static final AtomicInteger REGIONS = new AtomicInteger();
    public static final int PARTITIONS = 3;

    public final String region;
    public final TopicNames topics = TopicNames.defaults();
    public final ConfigStore store = ConfigStore.inMemory();
    public final ConfigView view;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final List<PurgeReceipt> receipts = new CopyOnWriteArrayList<>();
    public final List<String> deadLettered = new CopyOnWriteArrayList<>();
    public final List<String> transitions = new CopyOnWriteArrayList<>();
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private CachePurger purger;

    public PurgerFixture(EmbeddedKafka kafka, String name) {
        this.bootstrap = kafka.bootstrapServers();
        this.region = name + "-" + REGIONS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        store.txnRun(txn -> {
            ConfigDocuments.put(txn, RegionDoc.of(region));
            ConfigDocuments.put(txn, EpochDoc.of(1));
        });
        view = ConfigView.open(store, Clock.systemUTC());
        TestTopics.create(bootstrap, PARTITIONS, topics.purge(region));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 2),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Puts a purge target and waits until the view has it (the view follows the store asynchronously). */
    public PurgerFixture target(PurgeTargetDoc doc) {
        store.txnRun(txn -> ConfigDocuments.put(txn, doc));
        await().atMost(Duration.ofSeconds(10)).until(() -> view.snapshot().purgeTargets(region).contains(doc));
        return this;
    }

    /** The defaults of this region on this broker. */
    public PurgerConfig config() {
        return PurgerConfig.defaults(region, bootstrap).withPartitions(PARTITIONS);
    }

    public CachePurger start(PurgerConfig config) {
        purger = CachePurger.create(config, view, Clock.systemUTC());
        purger.metrics().bindTo(registry);
        purger.addListener(new PurgeListener() {
            @Override
            public void purged(PurgeReceipt receipt) {
                receipts.add(receipt);
            }

            @Override
            public void deadLettered(dev.ripple.events.PurgeRequest request, String reason) {
                deadLettered.add(request.key() + ": " + reason);
            }

            @Override
            public void breakerChanged(String target, BreakerState from, BreakerState to) {
                transitions.add(target + ":" + from + "->" + to);
            }
        });
        purger.start();
        return purger;
    }

    /** Writes records to the partition of their source, as the propagator does, and waits for the broker. */
    public void send(PurgeRecord... records) {
        List<Future<?>> sent = new ArrayList<>();
        for (PurgeRecord record : records) {
            String key = record instanceof dev.ripple.events.PurgeRequest r ? r.key() : null;
            sent.add(producer.send(new ProducerRecord<>(topics.purge(region), record.source().partition(), key,
                    EventSerdes.purgeRecord().serialize(topics.purge(region), record))));
        }
        producer.flush();
        for (var future : sent) {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Writes raw bytes, for records the purger cannot read. */
    public void sendRaw(int partition, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topics.purge(region), partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the purger's group has committed every record of its topic. */
    public boolean committedToTheEnd() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config().groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topics.purge(region), p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() == e.getValue().offset());
        }
    }

    /** The dead letters written so far. */
    public List<DeadLetterRecord> deadLetters() {
        return readAll(topics.dlq("purger." + region)).stream()
                .map(r -> DeadLetterRecord.read(r.key(), r.value(), r.headers())).toList();
    }

    /** The last purge position published for this region, if any. */
    public RegionPosition publishedPosition() {
        RegionPosition last = null;
        for (ConsumerRecord<String, byte[]> record : readAll(topics.positions())) {
            if ((CachePurger.POSITION_KEY_PREFIX + region).equals(record.key())) {
                last = EventSerdes.regionPosition().deserialize(record.topic(), record.value());
            }
        }
        return last;
    }

    public double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    public double gauge(String name, String... tags) {
        var gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(all::add);
            }
            return all;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    @Override
    public void close() {
        if (purger != null) {
            purger.close();
        }
        producer.close();
        view.close();
        store.close();
    }
}
