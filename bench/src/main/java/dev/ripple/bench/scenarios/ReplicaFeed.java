package dev.ripple.bench.scenarios;

import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Replication records written straight onto a region topic, as the propagator would write them (co-partitioned:
 * source partition {@code murmur2(key) % 6}, source offsets rising per partition, epoch 1, no dependencies): event
 * i upserts key {@code key-(i mod 5000)} at revision i with a 110-byte body.
 */
final class ReplicaFeed {
    static final int PARTITIONS = 6;
    static final long EPOCH = 1;
    private static final String SOURCE = "ripple.stream.bench";
    private static final RuleRef RULE = new RuleRef("bench", 1);
    private static final String BODY = "x".repeat(110);

    private final String topic;
    private final long[] nextOffset = new long[PARTITIONS];
    private final Serializer<RegionRecord> serializer = EventSerdes.regionRecord().serializer();

    ReplicaFeed(String topic) {
        this.topic = topic;
    }

    /** Writes {@code events} records and waits until the broker has them all. */
    void preload(String bootstrap, int events) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap, 20)) {
            for (int i = 0; i < events; i++) {
                send(producer, i);
            }
            producer.flush();
        }
    }

    /**
     * Writes {@code events} records at {@code rate} per second (open loop), noting in {@code sent} when each was
     * handed to the producer ({@link System#nanoTime()}).
     */
    void paced(String bootstrap, int events, int rate, AtomicLongArray sent) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap, 0)) {
            Pacer pacer = new Pacer(rate);
            for (int i = 0; i < events; i++) {
                pacer.awaitTurn(i);
                sent.set(i, System.nanoTime());
                send(producer, i);
            }
            producer.flush();
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, int i) {
        ReplicationRecord record = next(i);
        producer.send(new ProducerRecord<>(topic, record.source().partition(), record.event().key(),
                serializer.serialize(topic, record)));
    }

    /** Records 0 to {@code events - 1} as this feed writes them, by source partition, without Kafka. */
    List<List<RegionRecord>> byPartition(int events) {
        List<List<RegionRecord>> byPartition = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            byPartition.add(new ArrayList<>());
        }
        for (int i = 0; i < events; i++) {
            ReplicationRecord record = next(i);
            byPartition.get(record.source().partition()).add(record);
        }
        return byPartition;
    }

    /** Record i as this feed writes it, on the next offset of its source partition. */
    ReplicationRecord next(int i) {
        String key = "key-" + (i % BenchEvents.KEYS);
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        Instant now = Instant.now();
        EventMeta meta = new EventMeta("e" + i, now, "bench", null, null, null, null);
        return new ReplicationRecord(EditEvent.upsert(meta, key, i, "text/plain", BODY),
                new SourcePosition(SOURCE, partition, nextOffset[partition]++, now), Position.empty(EPOCH), RULE,
                new Trace(now, now));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true,
                "linger.ms", lingerMs, "batch.size", 256 * 1024), new StringSerializer(), new ByteArraySerializer());
    }
}
