package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventSerdes;
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
 * What the intake writes besides the streams, through the runtime's {@link DeadLetterWriter}, in two topics that
 * must not be confused: events it <em>refused</em> (the client's mistake: 400, 403, 413) go to
 * {@code ripple.refused.intake}, which shows a client what it got wrong and which no alert reads; events it
 * <em>accepted</em> with {@code ?hasty=true} (202) but Kafka did not take go to {@code ripple.dlq.intake}, the
 * intake's dead-letter queue, from which {@code ripple dlq replay intake} publishes them to their stream. Neither
 * reached Kafka, so their original record has offset -1 and names the stream's topic. Nothing waits for the
 * acknowledgement, and while {@value #MAX_PENDING} records wait for Kafka in one topic, further ones are logged and
 * not written. Thread-safe.
 */
final class IntakeDeadLetters implements AutoCloseable {
    /** Records waiting for Kafka (per topic) beyond which new ones are only logged: the intake's memory stays bounded. */
    static final int MAX_PENDING = 1_000;
    private static final long METADATA_KEPT_MS = 7L * 24 * 3600 * 1000;
    private static final Logger log = LoggerFactory.getLogger(IntakeDeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final DeadLetterWriter refusals;
    private final DeadLetterWriter deadLetters;
    private final TopicNames topics;
    private final Clock clock;

    IntakeDeadLetters(KafkaSettings kafka, TopicNames topics, Clock clock) {
        // Sent on the request thread, so a send never blocks (Kafka down, no metadata, buffer full): it fails at once
        // and the writer sends it again a second later, while the client has its answer. The topics' metadata is
        // asked for now and kept, so that sends do not fail for the want of it.
        this.producer = KafkaClients.producer(kafka, "dead-letters", Map.of("max.block.ms", 0,
                "metadata.max.idle.ms", METADATA_KEPT_MS), new StringSerializer(), new ByteArraySerializer());
        DeadLetterEncoder encoder = new DeadLetterEncoder(TopicNames.INTAKE, clock,
                DeadLetterEncoder.DEFAULT_MAX_RECORD_BYTES);
        this.refusals = DeadLetterWriter.kafka(producer, topics.refused(TopicNames.INTAKE), encoder);
        this.deadLetters = DeadLetterWriter.kafka(producer, topics.dlq(TopicNames.INTAKE), encoder);
        this.topics = topics;
        this.clock = clock;
        for (DeadLetterWriter writer : new DeadLetterWriter[] {refusals, deadLetters}) {
            try {
                producer.partitionsFor(writer.topic());
            } catch (KafkaException e) {
                log.debug("Metadata of {} asked for: {}", writer.topic(), e.toString()); // fetched in the background
            }
        }
    }

    /** Writes one refused event to {@code ripple.refused.intake}; failed sends are logged and sent again. */
    void refused(Prepared.Invalid refused, String producerId) {
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
        send(refusals, new FailedRecord(intended, -1, -1, key, raw), reason, producerId);
    }

    /**
     * Writes an accepted event that Kafka did not take to {@code ripple.dlq.intake}, as the intake would have
     * published it (without its session dependencies: a hasty writer's token never covered it).
     */
    void notWritten(EditEvent event, String producerId, String why) {
        String topic = topics.stream(event.meta().stream());
        send(deadLetters, new FailedRecord(topic, -1, -1, event.key(), EventSerdes.editEvent().serialize(topic,
                event)), "accepted with ?hasty=true (202) for producer " + producerId + ", but Kafka did not take it: "
                + why, producerId);
    }

    private void send(DeadLetterWriter writer, FailedRecord record, String reason, String producerId) {
        if (writer.pending() >= MAX_PENDING) {
            log.warn("Not writing an event of producer {} to {}: {} already wait for Kafka", producerId,
                    writer.topic(), writer.pending());
            return;
        }
        log.debug("Writing an event of producer {} to {}", producerId, writer.topic());
        writer.send(DeadLetter.once(record, reason, clock.instant()));
    }

    @Override
    public void close() {
        refusals.close();
        deadLetters.close();
        producer.close();
    }
}
