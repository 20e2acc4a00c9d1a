package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicMismatchException;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.kafka.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the source topic of every configured stream (and the intake's refusals and dead-letter topics) as
 * {@link RippleTopics} specifies them, through {@link TopicProvisioner}, and tells the intake which streams' topics
 * exist: an event of a stream whose topic does not is not sent, since the broker would create the topic itself on
 * the first send, with its own defaults (one partition, not co-partitioned with the region topics). An event of a
 * stream just added to the config waits, within its request's deadline, for the first creation of its topic; once a
 * creation failed, events are answered at once. A creation Kafka does not answer or refuses is tried again every
 * {@link #RETRY} until it succeeds; a topic it refuses (a policy, an ACL) holds back no other. An existing topic with
 * another partition count is reported, not changed: repartitioning a source topic is an epoch change (DESIGN.md
 * section 5).
 *
 * <pre>
 * ensure() (start) ──▶ RUNNING ──close()──▶ CLOSED
 * </pre>
 * Thread-safe: creations run on the caller's thread, and their retries on a thread of their own.
 */
final class StreamTopics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamTopics.class);
    /** How long one attempt waits for Kafka. */
    static final Duration ATTEMPT = Duration.ofSeconds(10);
    /** How long after a failed attempt the next one starts. */
    static final Duration RETRY = Duration.ofSeconds(5);

    private final Admin admin;
    private final RippleTopics topics;
    private final Clock clock;
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** Topics whose last creation failed: their events are answered at once, not held for the next try. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    /** Calls of {@link #ensure} and retries begun and not ended; events of a new stream wait while there are any. */
    private final AtomicInteger attempts = new AtomicInteger();
    /** Notified when an attempt ends. */
    private final Object attemptEnded = new Object();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ripple-intake-topics");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile ConfigSnapshot wanted;

    StreamTopics(Admin admin, TopicNames topics, int partitions, Clock clock) {
        this.admin = admin;
        this.topics = RippleTopics.of(topics, partitions);
        this.clock = clock;
    }

    /**
     * Ensures the topics of {@code config}'s streams exist, on the calling thread (at start and at a config change,
     * so that the first publish finds them), and tries again in the background while Kafka does not answer or
     * refuses. Never throws.
     */
    void ensure(ConfigSnapshot config) {
        attempts.incrementAndGet(); // before the stream is wanted, so that its events wait for this attempt
        wanted = config;
        ensureWanted();
    }

    /**
     * Whether {@code stream}'s topic exists, so that its events may be sent; for a stream whose topic has not been
     * tried yet (just added to the config), waits until an attempt in progress ends, for at most half the time left
     * before {@code deadline}: the other half is the events' to be acknowledged.
     */
    boolean awaitExists(String stream, Instant deadline) {
        String topic = topics.names().stream(stream);
        if (existing.contains(topic)) {
            return true;
        }
        Instant now = clock.instant();
        Instant waitUntil = now.plus(Duration.between(now, deadline).dividedBy(2));
        synchronized (attemptEnded) {
            long left;
            while (!existing.contains(topic) && mayBeCreating(stream, topic)
                    && (left = Duration.between(clock.instant(), waitUntil).toMillis()) > 0) {
                try {
                    attemptEnded.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return existing.contains(topic);
    }

    /** Whether an attempt that may create {@code stream}'s topic first is running, or is about to start. */
    private boolean mayBeCreating(String stream, String topic) {
        ConfigSnapshot asked = wanted;
        return !failing.contains(topic)
                && (attempts.get() > 0 || asked == null || !asked.streams().containsKey(stream));
    }

    /** Ensures what {@link #wanted} names; the caller counted the attempt in {@link #attempts}. */
    private void ensureWanted() {
        try {
            ensureWantedOnce();
        } catch (RuntimeException e) {
            // not foreseen (a bug): said, and tried again like a failure Kafka reported, never lost in the worker
            log.error("Could not ensure the topics of the config's streams; trying again in {} s", RETRY.toSeconds(),
                    e);
            scheduleRetry();
        } finally {
            attempts.decrementAndGet();
            synchronized (attemptEnded) {
                attemptEnded.notifyAll();
            }
        }
    }

    private synchronized void ensureWantedOnce() {
        List<TopicSpec> missing = new ArrayList<>();
        wanted.streams().keySet().forEach(stream -> missing.add(topics.stream(stream)));
        missing.add(topics.refused(TopicNames.INTAKE));
        missing.add(topics.dlq(TopicNames.INTAKE));
        missing.removeIf(spec -> existing.contains(spec.name()));
        if (missing.isEmpty()) {
            return;
        }
        KafkaSetupException failed = ensureAll(missing);
        List<TopicSpec> left = missing;
        if (failed != null && !unanswered(failed) && missing.size() > 1) {
            // Kafka answered and refused: one at a time, so that a topic it refuses holds back no other
            left = missing.stream().filter(spec -> ensureAll(List.of(spec)) != null).toList();
        }
        if (failed != null) {
            left.forEach(spec -> failing.add(spec.name()));
        }
        if (failed != null && !left.isEmpty() && !worker.isShutdown()) {
            log.warn("Could not create topics {}; trying again in {} s, and until they exist their streams' events "
                    + "are answered 503. {}", left.stream().map(TopicSpec::name).toList(), RETRY.toSeconds(),
                    failed.getMessage());
            scheduleRetry();
        }
    }

    private static boolean unanswered(KafkaSetupException e) {
        return e.getCause() instanceof TimeoutException || e.getCause() instanceof RetriableException;
    }

    /** Ensures {@code specs}, and records those that exist; what stopped it, null when they all exist. */
    private KafkaSetupException ensureAll(List<TopicSpec> specs) {
        List<TopicSpec> left = new ArrayList<>(specs);
        while (!left.isEmpty()) {
            try {
                TopicProvisioner.ensure(admin, left, ATTEMPT);
                left.forEach(this::created);
                return null;
            } catch (TopicMismatchException e) {
                log.error("{} Events are still published to it, but region topics will not be co-partitioned "
                        + "with it.", e.getMessage());
                created(e.spec());
                left.remove(e.spec()); // and check the others
            } catch (KafkaSetupException e) {
                return e;
            }
        }
        return null;
    }

    private void created(TopicSpec spec) {
        existing.add(spec.name());
        failing.remove(spec.name());
    }

    /** One retry at a time, whatever the number of attempts that failed meanwhile; it ensures the latest config. */
    private void scheduleRetry() {
        if (!retryScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.schedule(() -> {
                retryScheduled.set(false);
                attempts.incrementAndGet();
                ensureWanted();
            }, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the intake is closing
        }
    }

    /** Stops trying; an attempt in progress ends within {@link #ATTEMPT}. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
