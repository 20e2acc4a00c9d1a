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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every stream's source topic from its end (the writes acknowledged from now on), without a consumer group:
 * it moves no one's position and commits nothing. Hands each write of a sampled key to the prober. Runs on its own
 * thread until {@link #close()}.
 *
 * <p>It reads every write to find the sampled ones, so after a poll that brought writes it lets the next ones gather
 * for {@code gatherWait} before fetching again, instead of waking at each: at 500 events/s one per {@code POST}, a
 * fetch per write cost it 134–160 µs of CPU per event, besides the broker's work to answer it (BENCHMARKS "Issue
 * 26"). While nothing is written its fetches wait as long as Kafka's {@code fetch.max.wait.ms} says, as before.
 */
public final class WriteFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteFollower.class);
    private static final long FOLLOW_INTERVAL_MS = 1_000;
    /** After a lookup Kafka did not answer, how long until the streams are looked up again; polling goes on. */
    private static final long UNANSWERED_FOLLOW_DELAY_MS = 5_000;
    /** How long a lookup of a stream's topic or of a log's end waits for Kafka. */
    private static final Duration LOOKUP = Duration.ofSeconds(1);

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
    private final Duration gatherWait;
    private final Set<String> followed = new HashSet<>();
    private final List<TopicPartition> assigned = new ArrayList<>();
    private final Thread thread;
    /** Counted down by {@link #close()}: what the loop waits on while no stream topic exists. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param gatherWait how long writes gather after a poll that brought some, before the next fetch: well within
     *     the ladder's first delay, so a sample is not read too late to be looked at then; zero for none
     * @param clock when a write without a record timestamp was acknowledged (when it is read), and when the
     *     streams are looked up again
     */
    public WriteFollower(KafkaSettings kafka, TopicNames topics, ConfigView view, KeySample sample, Sampled sampled,
            Runnable unreadable, Duration gatherWait, Clock clock) {
        this.consumer = KafkaClients.consumer(kafka, "prober", null, Map.of("auto.offset.reset", "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.gatherWait = gatherWait;
        this.topics = topics;
        this.view = view;
        this.sample = sample;
        this.sampled = sampled;
        this.unreadable = unreadable;
        this.clock = clock;
        this.thread = new Thread(this::run, "ripple-probe-follower");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following; the streams that exist now are followed from their current end before this returns, unless
     * Kafka does not answer within a second, and then from their end when it does.
     */
    public WriteFollower start() {
        try {
            follow(view.snapshot());
        } catch (RetriableException unanswered) {
            log.warn("The prober could not reach Kafka ({}); it follows the streams once Kafka answers",
                    unanswered.getMessage());
        }
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
                try {
                    if (clock.millis() >= nextFollow) {
                        nextFollow = clock.millis() + FOLLOW_INTERVAL_MS;
                        follow(snapshot);
                    }
                    if (assigned.isEmpty()) {
                        closing.await(FOLLOW_INTERVAL_MS, TimeUnit.MILLISECONDS); // no stream topic yet: no poll
                        continue;
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        take(record, snapshot);
                    }
                    if (!records.isEmpty() && !gatherWait.isZero()) {
                        gather();
                    }
                } catch (RetriableException unanswered) {
                    // a lookup that Kafka did not answer in time (a broker restarting)
                    log.warn("The prober could not reach Kafka ({}); it looks again in {} ms", unanswered.getMessage(),
                            UNANSWERED_FOLLOW_DELAY_MS);
                    nextFollow = clock.millis() + UNANSWERED_FOLLOW_DELAY_MS;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
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

    /**
     * Lets the writes that come next gather for {@link #gatherWait}: the partitions are paused meanwhile, so the
     * poll fetches nothing and only waits (a {@link #close()} wakes it).
     */
    private void gather() {
        Set<TopicPartition> partitions = consumer.assignment();
        consumer.pause(partitions);
        try {
            consumer.poll(gatherWait);
        } finally {
            consumer.resume(partitions);
        }
    }

    /** Assigns the source topics of streams not followed yet, from their end. */
    private void follow(ConfigSnapshot snapshot) {
        List<String> found = new ArrayList<>();
        List<TopicPartition> added = new ArrayList<>();
        for (String stream : snapshot.streams().keySet()) {
            String topic = topics.stream(stream);
            if (followed.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, LOOKUP);
            if (partitions != null && !partitions.isEmpty()) {
                partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
                found.add(topic);
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            followed.addAll(found);
            consumer.assign(List.copyOf(assigned));
            consumer.seekToEnd(added);
            log.info("Prober following {} partition(s) of {} stream topic(s)", assigned.size(), followed.size());
            // resolve the end now, so writes from here on are followed (if Kafka does not answer, the next poll does)
            added.forEach(partition -> consumer.position(partition, LOOKUP));
        }
    }

    /** Stops following. Idempotent. */
    @Override
    public void close() {
        running = false;
        closing.countDown();
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
