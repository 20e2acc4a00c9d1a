package dev.ripple.cachepurger.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.JsonSerde;
import dev.ripple.events.RetryEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records whose purge was given up to {@code ripple.dlq.purger.<region>}, byte for byte in a
 * {@link RetryEnvelope}. A record counts as done only once Kafka acknowledged its envelope; until then it is sent
 * again every second, so its offset is never committed past a purge that is neither done nor dead-lettered.
 */
final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final JsonSerde<RetryEnvelope> SERDE = EventSerdes.retryEnvelope();

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String consumer;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<Origin> done;

    /** @param done told of each record once its envelope is acknowledged */
    DeadLetters(Producer<String, byte[]> producer, String topic, String consumer, ScheduledExecutorService scheduler,
            Clock clock, Consumer<Origin> done) {
        this.producer = producer;
        this.topic = topic;
        this.consumer = consumer;
        this.scheduler = scheduler;
        this.clock = clock;
        this.done = done;
    }

    void send(Origin origin, String reason, int attempts, Instant firstFailure) {
        Instant now = clock.instant();
        RetryEnvelope envelope = new RetryEnvelope(new FailedRecord(origin.partition().topic(),
                origin.partition().partition(), origin.offset(), origin.key(), origin.value()), reason,
                Math.max(1, attempts), firstFailure.isAfter(now) ? now : firstFailure, now, consumer);
        send(origin, SERDE.serialize(topic, envelope));
    }

    private void send(Origin origin, byte[] envelope) {
        try {
            producer.send(new ProducerRecord<>(topic, origin.key(), envelope), (metadata, error) -> {
                if (error == null) {
                    done.accept(origin);
                } else {
                    log.error("Could not write {}-{}@{} to {}: {}; trying again in 1 s", origin.partition().topic(),
                            origin.partition().partition(), origin.offset(), topic, error.toString());
                    later(origin, envelope);
                }
            });
        } catch (RuntimeException e) {
            log.error("Could not hand {}-{}@{} to the producer for {}: {}; trying again in 1 s",
                    origin.partition().topic(), origin.partition().partition(), origin.offset(), topic, e.toString());
            later(origin, envelope);
        }
    }

    private void later(Origin origin, byte[] envelope) {
        try {
            scheduler.schedule(() -> send(origin, envelope), 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException closing) {
            // closing: the record stays uncommitted and is read again after a restart
        }
    }
}
