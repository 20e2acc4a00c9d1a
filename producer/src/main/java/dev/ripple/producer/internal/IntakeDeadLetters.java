package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.events.EventJson;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.events.ValidationProblem;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import dev.ripple.runtime.deadletter.DeadLetterWriter;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends refused events to {@code ripple.dlq.intake} with the reason, through the runtime's
 * {@link DeadLetterWriter}, so an operator can see what producers get wrong and replay what was fixed. Refused
 * events never reached Kafka, so their envelope's original record has offset -1 and names the topic the event was
 * meant for. The producer already got its answer: nothing waits for the acknowledgement, and while
 * {@value #MAX_PENDING} refusals wait for Kafka, further ones are logged and not dead-lettered. Thread-safe.
 */
final class IntakeDeadLetters implements AutoCloseable {
    /** Refusals waiting for Kafka beyond which new ones are only logged: the intake's memory stays bounded. */
    static final int MAX_PENDING = 1_000;
    private static final long METADATA_KEPT_MS = 7L * 24 * 3600 * 1000;
    private static final Logger log = LoggerFactory.getLogger(IntakeDeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final DeadLetterWriter writer;
    private final TopicNames topics;
    private final Clock clock;

    IntakeDeadLetters(KafkaSettings kafka, TopicNames topics, Clock clock) {
        // Sent on the request thread, so a send never blocks (Kafka down, no metadata, buffer full): it fails at once
        // and the writer sends it again a second later, while the client has its answer. The topic's metadata is
        // asked for now and kept, so that sends do not fail for the want of it.
        this.producer = KafkaClients.producer(kafka, "dead-letters", Map.of("max.block.ms", 0,
                "metadata.max.idle.ms", METADATA_KEPT_MS), new StringSerializer(), new ByteArraySerializer());
        this.writer = DeadLetterWriter.kafka(producer, topics.dlq(TopicNames.INTAKE), new DeadLetterEncoder(
                TopicNames.INTAKE, clock, DeadLetterEncoder.DEFAULT_MAX_RECORD_BYTES));
        this.topics = topics;
        this.clock = clock;
        try {
            producer.partitionsFor(writer.topic());
        } catch (KafkaException e) {
            log.debug("Metadata of {} asked for: {}", writer.topic(), e.toString()); // fetched in the background
        }
    }

    /** Sends one refused event; failed sends are logged and sent again, never thrown. */
    void send(Prepared.Invalid refused, String producerId) {
        if (writer.pending() >= MAX_PENDING) {
            log.warn("Not dead-lettering a refused event of producer {}: {} refusals already wait for {}", producerId,
                    writer.pending(), writer.topic());
            return;
        }
        String key = refused.raw().path("key").isTextual() ? refused.raw().get("key").asText() : null;
        String stream = refused.raw().path("meta").path("stream").asText("");
        String intended = TopicNames.NAME.matcher(stream).matches() ? topics.stream(stream) : "(no stream)";
        byte[] raw;
        try {
            raw = EventJson.mapper().writeValueAsBytes(refused.raw());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree could not be written back", e);
        }
        String reason = "HTTP " + refused.status() + " for producer " + producerId + ": " + refused.problems()
                .stream().map(ValidationProblem::toString).collect(Collectors.joining("; "));
        log.debug("Dead-lettering a refused event of producer {} to {}", producerId, writer.topic());
        writer.send(DeadLetter.once(new FailedRecord(intended, -1, -1, key, raw), reason, clock.instant()));
    }

    @Override
    public void close() {
        writer.close();
        producer.close();
    }
}
