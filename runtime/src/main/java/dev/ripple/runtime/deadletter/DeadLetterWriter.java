package dev.ripple.runtime.deadletter;

import dev.ripple.runtime.deadletter.internal.KafkaDeadLetterWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.Producer;

/**
 * Writes records given up on to a dead-letter topic ({@code ripple.dlq.<consumer>}, DESIGN.md section 4), keyed by
 * the original key, as {@link DeadLetterEncoder} makes them (the original value and headers, and why). The one
 * semantics: a dead letter counts as written only once Kafka acknowledged it, and a caller moves its source position
 * past the record only then, so a dead letter is never lost; a send that fails is sent again every second until
 * acknowledged or the writer closes (an unacknowledged record stays uncommitted and is read again after a restart). A
 * dead letter too large for the topic loses its value, never fails (see {@link DeadLetterEncoder}). Thread-safe.
 */
public interface DeadLetterWriter extends AutoCloseable {
    /**
     * @param producer sends the dead letters; the caller keeps it (it is not closed here); use {@code acks=all}
     * @param topic the dead-letter topic
     */
    static DeadLetterWriter kafka(Producer<String, byte[]> producer, String topic, DeadLetterEncoder encoder) {
        return new KafkaDeadLetterWriter(producer, topic, encoder, null);
    }

    /** As {@link #kafka(Producer, String, DeadLetterEncoder)}, resending on the caller's {@code scheduler}. */
    static DeadLetterWriter kafka(Producer<String, byte[]> producer, String topic, DeadLetterEncoder encoder,
            ScheduledExecutorService scheduler) {
        return new KafkaDeadLetterWriter(producer, topic, encoder, scheduler);
    }

    /** The dead-letter topic. */
    String topic();

    /**
     * Sends {@code letter}.
     *
     * @return completes once Kafka acknowledged it; never fails, but never completes if the writer closes first
     */
    CompletableFuture<Void> send(DeadLetter letter);

    /** Dead letters sent and not yet acknowledged (each holds its record in memory until then). */
    int pending();

    /** Stops resending (shuts its own scheduler down, not a caller's); sends not yet acknowledged stay
     *  incomplete. */
    @Override
    void close();
}
