package dev.ripple.prober.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.Dot;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every stream's source topic from its end (the writes acknowledged from now on), without a consumer group:
 * it moves no one's position and commits nothing. Hands each write of a sampled key to the prober. Runs on its own
 * thread until {@link #close()}.
 */
public final class WriteFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteFollower.class);
    private static final long FOLLOW_INTERVAL_MS = 1_000;

    /** What the prober does with a sampled write. */
    public interface Sampled {
        void accept(SampledWrite write, EditEvent event, ConfigSnapshot snapshot);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final ConfigView view;
    private final KeySample sample;
    private final Sampled sampled;
    private final Runnable unreadable;
    private final Clock clock;
    private final Set<String> followed = new HashSet<>();
    private final List<TopicPartition> assigned = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param clock when a write without a record timestamp was acknowledged (when it is read), and when the
     *     streams are looked up again
     */
    public WriteFollower(KafkaSettings kafka, TopicNames topics, ConfigView view, KeySample sample, Sampled sampled,
            Runnable unreadable, Clock clock) {
        this.consumer = KafkaClients.consumer(kafka, "prober", null, Map.of("auto.offset.reset", "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.view = view;
        this.sample = sample;
        this.sampled = sampled;
        this.unreadable = unreadable;
        this.clock = clock;
        this.thread = new Thread(this::run, "ripple-probe-follower");
        this.thread.setDaemon(true);
    }

    /** Starts following; the streams that exist now are followed from their current end before this returns. */
    public WriteFollower start() {
        follow(view.snapshot());
        thread.start();
        return this;
    }

    /** Whether it runs; false once it failed or was closed. */
    public boolean running() {
        return running && thread.isAlive();
    }

    /** Why it stopped, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        long nextFollow = 0;
        try {
            while (running) {
                ConfigSnapshot snapshot = view.snapshot();
                if (clock.millis() >= nextFollow) {
                    follow(snapshot);
                    nextFollow = clock.millis() + FOLLOW_INTERVAL_MS;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record, snapshot);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            log.error("The prober stopped following the streams: {}", e.toString(), e);
        } finally {
            running = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, byte[]> record, ConfigSnapshot snapshot) {
        if (record.key() == null || !sample.follows(record.key())) {
            return;
        }
        Optional<String> stream = topics.streamOf(record.topic());
        EditEvent event;
        try {
            event = EventSerdes.editEvent().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            event = null;
        }
        if (stream.isEmpty() || event == null || !record.key().equals(event.key())) {
            unreadable.run();
            return;
        }
        long timestamp = record.timestamp() >= 0 ? record.timestamp() : clock.millis();
        sampled.accept(new SampledWrite(stream.get(), record.key(), event.op(), event.revision(),
                Dot.of(record.topic(), record.partition(), record.offset()), Instant.ofEpochMilli(timestamp)),
                event, snapshot);
    }

    /** Assigns the source topics of streams not followed yet, from their end. */
    private void follow(ConfigSnapshot snapshot) {
        List<TopicPartition> added = new ArrayList<>();
        for (String stream : snapshot.streams().keySet()) {
            String topic = topics.stream(stream);
            if (followed.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions != null && !partitions.isEmpty()) {
                partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
                followed.add(topic);
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(List.copyOf(assigned));
            consumer.seekToEnd(added);
            added.forEach(consumer::position); // resolve the end now: writes from here on are followed
            log.info("Prober following {} partition(s) of {} stream topic(s)", assigned.size(), followed.size());
        }
    }

    /** Stops following. Idempotent. */
    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
