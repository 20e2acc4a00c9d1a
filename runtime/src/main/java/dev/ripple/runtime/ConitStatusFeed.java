package dev.ripple.runtime;

import dev.ripple.events.ConitStatus;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest status of every conit, read from the compacted {@code ripple.conit-status} that the conit tracker
 * publishes: what the intake ({@code throttle-writes}) and the read API ({@code gate-reads}) enforce from when
 * they run in a process of their own. Reads the topic from its beginning with no consumer group, on one daemon
 * thread; a record it cannot read is skipped and logged.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPED
 *                │                    ▲
 *                └──(error)──▶ FAILED ┘
 * </pre>
 *
 * <p>Thread-safe: {@link #current()} may be called from any thread.
 */
public final class ConitStatusFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConitStatusFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicReference<Map<String, ConitStatus>> current = new AtomicReference<>(Map.of());
    private final Lifecycle lifecycle = Lifecycle.running("the conit status feed");
    private final Thread thread;
    private volatile Throwable failure;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private ConitStatusFeed(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "ripple-conit-status-feed");
        this.thread.setDaemon(true);
    }

    /**
     * Creates {@code ripple.conit-status} (compacted, one partition) if it is missing, so a part may start before
     * the tracker, and starts following it.
     *
     * @param kafka any client properties ({@code bootstrap.servers}, TLS, SASL); consumer ones apply here
     * @throws IllegalStateException if Kafka does not answer within 30 s, saying so
     */
    public static ConitStatusFeed start(Map<String, Object> kafka, TopicNames topics) {
        KafkaSettings settings = KafkaSettings.fromProperties(kafka,
                ConsumerGroups.of(topics).of("conit-status-feed"));
        String topic = topics.conitStatus();
        List<TopicPartition> partitions;
        try (Admin admin = KafkaClients.admin(settings)) {
            // the partitions as the provisioner found or made them: a broker that has not learnt of a topic just
            // created would answer the consumer none, and the feed would follow nothing
            partitions = TopicProvisioner.ensure(admin, List.of(RippleTopics.of(topics, 1).conitStatus()),
                    TOPIC_TIMEOUT).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (KafkaSetupException e) {
            throw new IllegalStateException("Could not reach " + topic + " on " + settings.bootstrapServers()
                    + " within " + TOPIC_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
        }
        KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(settings, null, null, Map.of(),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        ConitStatusFeed feed = new ConitStatusFeed(consumer);
        feed.thread.start();
        return feed;
    }

    /** The latest status of every conit, by name; empty until the first is read. Never null. */
    public Map<String, ConitStatus> current() {
        return current.get();
    }

    /**
     * Runs {@code listener} on the feed's thread each time {@link #current()} has changed (how a read gate wakes the
     * reads it holds). It must be quick and must not throw.
     */
    public void onUpdate(Runnable listener) {
        listeners.add(listener);
    }

    /** The lifecycle {@link State} now; see the class diagram. */
    public State state() {
        return lifecycle.state();
    }

    /** What stopped the feed, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        try {
            while (lifecycle.state() == State.RUNNING) {
                Map<String, ConitStatus> next = null;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    next = next == null ? new HashMap<>(current.get()) : next;
                    take(record, next);
                }
                if (next != null) {
                    current.set(Map.copyOf(next));
                    listeners.forEach(Runnable::run);
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            failure = e;
            lifecycle.toIfLegal(State.FAILED);
            log.error("The conit status feed stopped; conits are no longer enforced from fresh status: {}",
                    e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private static void take(ConsumerRecord<String, byte[]> record, Map<String, ConitStatus> statuses) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            statuses.remove(record.key());
            return;
        }
        try {
            statuses.put(record.key(), EventSerdes.conitStatus().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable conit status at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Stops following the topic and closes the consumer. Idempotent. */
    @Override
    public void close() {
        State before = lifecycle.toIfLegal(State.STOPPING);
        if (before.isClosing()) {
            return;
        }
        if (before == State.RUNNING) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }
}
