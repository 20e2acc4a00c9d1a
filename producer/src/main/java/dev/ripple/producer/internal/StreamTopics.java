package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicMismatchException;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.kafka.TopicSpec;
import java.time.Duration;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the source topic of every configured stream (and the intake's refusals and dead-letter topics) as
 * {@link RippleTopics} specifies them, through {@link TopicProvisioner}, and tells the intake which streams' topics
 * exist: an event of a stream whose topic does not is not sent, since the broker would create the topic itself on
 * the first send, with its own defaults (one partition, not co-partitioned with the region topics). A creation Kafka
 * does not answer or refuses is tried again every {@link #RETRY} until it succeeds; a topic it refuses (a policy, an
 * ACL) holds back no other. An existing topic with another partition
 * count is reported, not changed: repartitioning a source topic is an epoch change (DESIGN.md section 5).
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
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ripple-intake-topics");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile ConfigSnapshot wanted;

    StreamTopics(Admin admin, TopicNames topics, int partitions) {
        this.admin = admin;
        this.topics = RippleTopics.of(topics, partitions);
    }

    /**
     * Ensures the topics of {@code config}'s streams exist, on the calling thread (at start and at a config change,
     * so that the first publish finds them), and tries again in the background while Kafka does not answer or
     * refuses. Never throws.
     */
    void ensure(ConfigSnapshot config) {
        wanted = config;
        ensureWanted();
    }

    /** Whether {@code stream}'s topic is known to exist: its events may be sent. */
    boolean exists(String stream) {
        return existing.contains(topics.names().stream(stream));
    }

    private synchronized void ensureWanted() {
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
                left.forEach(spec -> existing.add(spec.name()));
                return null;
            } catch (TopicMismatchException e) {
                log.error("{} Events are still published to it, but region topics will not be co-partitioned "
                        + "with it.", e.getMessage());
                existing.add(e.spec().name());
                left.remove(e.spec()); // and check the others
            } catch (KafkaSetupException e) {
                return e;
            }
        }
        return null;
    }

    /** One retry at a time, whatever the number of attempts that failed meanwhile; it ensures the latest config. */
    private void scheduleRetry() {
        if (!retryScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.schedule(() -> {
                retryScheduled.set(false);
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
