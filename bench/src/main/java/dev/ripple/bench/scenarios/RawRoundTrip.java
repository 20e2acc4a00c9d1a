package dev.ripple.bench.scenarios;

import dev.ripple.bench.Correctness;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * The baseline of {@code e2e}: a raw KafkaProducer (acks=all, idempotent, linger 0) sends 200-byte records at a
 * fixed rate and a KafkaConsumer on the same broker receives them; per record, the time from send to receipt.
 */
final class RawRoundTrip {
    private static final int PARTITIONS = 6;
    private static final int VALUE_BYTES = 200;

    private RawRoundTrip() {}

    /** Runs one round of {@code events} at {@code rate}/s on a fresh topic; returns latencies and the check. */
    static Result run(String bootstrap, String topic, int events, int rate, Progress progress) throws Exception {
        BenchEvents.createTopics(bootstrap, PARTITIONS, topic);
        AtomicLongArray sent = new AtomicLongArray(events);
        double[] millis = new double[events];
        Arrays.fill(millis, Double.POSITIVE_INFINITY);
        long[] counts = new long[2]; // reordered, duplicates
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", false), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "acks", "all", "enable.idempotence", true, "linger.ms", 0), new StringSerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position); // positioned before the first send
            Thread sender = new Thread(() -> send(producer, topic, events, rate, sent), "ripple-bench-raw-sender");
            sender.start();
            Map<String, Integer> last = new HashMap<>();
            long received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(events / rate + 30).toNanos();
            while (received < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    int i = ByteBuffer.wrap(record.value()).getInt();
                    if (millis[i] != Double.POSITIVE_INFINITY) {
                        counts[1]++;
                        continue;
                    }
                    millis[i] = (now - sent.get(i)) / 1e6;
                    received++;
                    progress.advance(1);
                    Integer previous = last.put(record.key(), i);
                    if (previous != null && previous > i) {
                        counts[0]++;
                    }
                }
            }
            sender.join();
            return new Result(Measurement.Latency.of(millis), new Correctness(events, received, counts[0],
                    counts[1]));
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, int events, int rate,
            AtomicLongArray sent) {
        Pacer pacer = new Pacer(rate);
        for (int i = 0; i < events; i++) {
            pacer.awaitTurn(i);
            byte[] value = ByteBuffer.allocate(VALUE_BYTES).putInt(i).array();
            sent.set(i, System.nanoTime());
            producer.send(new ProducerRecord<>(topic, "key-" + (i % BenchEvents.KEYS), value));
        }
        producer.flush();
    }

    /** Latencies in ms (an event never received counts as infinite) and what arrived. */
    record Result(Measurement.Latency latency, Correctness correctness) {}
}
