package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.RetryEnvelope;
import dev.ripple.events.TopicNames;
import dev.ripple.events.ValidationProblem;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends refused events to {@code ripple.dlq.intake} with the reason, so an operator can see what producers get
 * wrong and replay what was fixed. Refused events never reached Kafka, so their envelope's original record has
 * offset -1 and names the topic the event was meant for. Thread-safe.
 */
final class IntakeDeadLetters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeDeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final Clock clock;

    IntakeDeadLetters(KafkaSettings kafka, Duration maxBlock, TopicNames topics, Clock clock) {
        this.producer = KafkaClients.producer(kafka, "dead-letters", Map.of("max.block.ms", maxBlock.toMillis()),
                new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.clock = clock;
    }

    /** Sends one refused event; failures are logged, never thrown (the producer already got its answer). */
    void send(Prepared.Invalid refused, String producerId) {
        String key = refused.raw().path("key").isTextual() ? refused.raw().get("key").asText() : null;
        String stream = refused.raw().path("meta").path("stream").asText("");
        String intended = TopicNames.NAME.matcher(stream).matches() ? topics.stream(stream) : "(no stream)";
        byte[] raw;
        try {
            raw = EventJson.mapper().writeValueAsBytes(refused.raw());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree could not be written back", e);
        }
        Instant now = clock.instant();
        String reason = "HTTP " + refused.status() + " for producer " + producerId + ": " + refused.problems()
                .stream().map(ValidationProblem::toString).collect(Collectors.joining("; "));
        RetryEnvelope envelope = new RetryEnvelope(new FailedRecord(intended, -1, -1, key, raw), reason, 1, now,
                now, TopicNames.INTAKE);
        String dlq = topics.dlq(TopicNames.INTAKE);
        producer.send(new ProducerRecord<>(dlq, key, EventSerdes.retryEnvelope().serialize(dlq, envelope)),
                (metadata, error) -> {
                    if (error != null) {
                        log.warn("Could not dead-letter a refused event of producer {} to {}: {}", producerId, dlq,
                                error.toString());
                    }
                });
    }

    @Override
    public void close() {
        producer.close();
    }
}
