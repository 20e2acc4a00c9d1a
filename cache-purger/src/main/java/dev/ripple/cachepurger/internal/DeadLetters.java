package dev.ripple.cachepurger.internal;

import dev.ripple.events.FailedRecord;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import dev.ripple.runtime.deadletter.DeadLetterWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Hands purges given up on to the runtime's {@link DeadLetterWriter} ({@code ripple.dlq.purger.<region>}), and tells
 * the loop of each once Kafka acknowledged it, so its offset is never committed past a purge that is neither done
 * nor dead-lettered.
 */
final class DeadLetters {
    private final DeadLetterWriter writer;
    private final Consumer<Origin> done;

    /** @param done told of each record once its dead letter is acknowledged */
    DeadLetters(Producer<String, byte[]> producer, String topic, String consumer, ScheduledExecutorService scheduler,
            Clock clock, Consumer<Origin> done) {
        this.writer = DeadLetterWriter.kafka(producer, topic, new DeadLetterEncoder(consumer, clock,
                DeadLetterEncoder.DEFAULT_MAX_RECORD_BYTES), scheduler);
        this.done = done;
    }

    void send(Origin origin, String reason, int attempts, Instant firstFailure) {
        FailedRecord original = new FailedRecord(origin.partition().topic(), origin.partition().partition(),
                origin.offset(), origin.key(), origin.value());
        writer.send(new DeadLetter(original, reason, Math.max(1, attempts), firstFailure))
                .thenRun(() -> done.accept(origin));
    }
}
