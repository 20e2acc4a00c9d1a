package dev.ripple.bench.deps;

import dev.ripple.bench.Measurement;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Direct edits of the fan-out's stream at a fixed rate, each to a key of its own, timed from the moment it is
 * handed to the producer until the region's replica applied it: the {@code applied_at} (Redis server time, ms) the
 * replica writes into the key's hash, read once the probe stops. Same machine, same clock.
 */
public final class DirectProbe {
    private static final Serializer<EditEvent> EVENTS = EventSerdes.editEvent().serializer();
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String name;
    private final int rate;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Sent> sent = new ArrayList<>();
    private CompletableFuture<Void> running;

    private record Sent(String key, long publishedMs, CompletableFuture<Integer> partition) {}

    /**
     * @param name distinguishes this probe's keys from every other probe's
     * @param rate edits per second
     */
    public DirectProbe(Producer<String, byte[]> producer, TopicNames topics, String name, int rate) {
        this.producer = producer;
        this.topic = topics.stream(FanoutPlan.STREAM);
        this.name = name;
        this.rate = rate;
    }

    /** Starts publishing, on a thread of its own, until {@link #stop()}. */
    public DirectProbe start() {
        running = CompletableFuture.runAsync(this::publish, work -> {
            Thread thread = new Thread(work, "direct-probe-" + name);
            thread.setDaemon(true);
            thread.start();
        });
        return this;
    }

    private void publish() {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; !stop.get(); i++) {
            String key = FanoutPlan.DIRECT_PREFIX + name + "-" + i;
            EditEvent event = EditEvent.upsert(new EventMeta(UUID.randomUUID().toString(), Instant.now(),
                    FanoutPlan.STREAM, null, null, null, null), key, 1, "text/plain", "direct edit " + i);
            CompletableFuture<Integer> partition = new CompletableFuture<>();
            long published = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(topic, key, EVENTS.serialize(topic, event)), (metadata, e) -> {
                if (e != null) {
                    partition.completeExceptionally(e);
                } else {
                    partition.complete(metadata.partition());
                }
            });
            synchronized (sent) {
                sent.add(new Sent(key, published, partition));
            }
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Stops publishing; returns how many edits it sent. */
    public int stop() {
        stop.set(true);
        running.join();
        producer.flush();
        synchronized (sent) {
            return sent.size();
        }
    }

    /**
     * The latencies, publish → applied in {@code region}'s replica (Redis {@code redisUri}, key prefix
     * {@code ripple}), waiting up to {@code deadline} for the last ones; an edit never applied counts as infinite.
     */
    public Measurement.Latency latency(String redisUri, String region, Duration deadline) {
        return Measurement.Latency.of(millis(redisUri, region, deadline));
    }

    /**
     * Each edit's latency in ms, in the order sent, as {@link #latency} reads them: to list the slow ones, or for
     * other quantiles.
     */
    public double[] millis(String redisUri, String region, Duration deadline) {
        List<Sent> all;
        synchronized (sent) {
            all = List.copyOf(sent);
        }
        double[] millis = new double[all.size()];
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            long until = System.nanoTime() + deadline.toNanos();
            for (int i = 0; i < all.size(); i++) {
                Sent edit = all.get(i);
                String hash = "ripple:{" + region + ":" + edit.partition().join() + "}:obj:" + edit.key();
                String applied = redis.sync().hget(hash, "applied_at");
                while (applied == null && System.nanoTime() < until) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                    applied = redis.sync().hget(hash, "applied_at");
                }
                millis[i] = applied == null ? Double.POSITIVE_INFINITY
                        : Math.max(0, Long.parseLong(applied) - edit.publishedMs());
            }
        } finally {
            client.shutdown();
        }
        return millis;
    }
}
