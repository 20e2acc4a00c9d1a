package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionGuarantees;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.RecordHeaders;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.EventTooLargeException;
import dev.ripple.producer.KafkaUnavailableException;
import dev.ripple.producer.ProducerException;
import dev.ripple.producer.PublishResult;
import dev.ripple.producer.Publisher;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.runtime.kafka.KafkaClients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Publisher} on one {@link KafkaProducer}. The intake publishes through {@link #sendAll} with a deadline, so
 * that a request's sends stop when Kafka cannot take them instead of each blocking for {@code max.block.ms}.
 */
public final class KafkaPublisher implements Publisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final PublisherConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final SessionTokens tokens;
    private final Clock clock;

    private KafkaPublisher(PublisherConfig config, KafkaProducer<String, byte[]> producer, Clock clock) {
        this.config = config;
        this.producer = producer;
        this.tokens = new SessionTokens(config.tokens(), config.epoch());
        this.clock = clock;
    }

    /** Creates the Kafka producer; it connects lazily, on the first send. */
    public static KafkaPublisher start(PublisherConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(PublisherConfig)}, reading deadlines of {@link #sendAll} on {@code clock}. */
    static KafkaPublisher start(PublisherConfig config, Clock clock) {
        return new KafkaPublisher(config, KafkaClients.idempotentProducer(ProducerSettings.kafka(config), null,
                ProducerSettings.of(config), new StringSerializer(), new ByteArraySerializer()), clock);
    }

    @Override
    public CompletionStage<PublishResult> publish(EditEvent event, String sessionToken) {
        Position session;
        try {
            session = tokens.decode(sessionToken);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(event, null, session).thenApply(dot ->
                new PublishResult(event.meta().id(), dot, tokens.encode(SessionGuarantees.afterWrite(session, dot))));
    }

    @Override
    public CompletionStage<BatchResult> publishAll(List<EditEvent> events, String sessionToken) {
        Position session;
        try {
            session = tokens.decode(sessionToken);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return results(events, sendAll(events, null, session, Instant.MAX), session);
    }

    /**
     * The session a token carries: an empty one in the epoch in force for null; throws a
     * {@code SessionTokenException} for a malformed, forged or stale token.
     */
    Position session(String sessionToken) {
        return tokens.decode(sessionToken);
    }

    /**
     * Sends {@code events} in order, each with {@code session} as its dependencies, and returns one future dot per
     * event. An event is not sent, and its future fails with {@link KafkaUnavailableException} at once, when
     * {@code deadline} has passed or an earlier send of this call could not be handed to Kafka within
     * {@code max.block.ms} (no metadata, buffer full): one blocked send per call, not one per event.
     *
     * @param values each event's record value as {@link EventJson} writes it, when the caller has it already; null
     *     to write them here
     */
    List<CompletableFuture<Dot>> sendAll(List<EditEvent> events, List<byte[]> values, Position session,
            Instant deadline) {
        List<CompletableFuture<Dot>> pending = new ArrayList<>(events.size());
        String stopped = null;
        for (int i = 0; i < events.size(); i++) {
            EditEvent event = events.get(i);
            if (stopped == null && clock.instant().isAfter(deadline)) {
                stopped = "the intake's publish timeout passed before it was sent";
            }
            if (stopped != null) {
                pending.add(CompletableFuture.failedFuture(new KafkaUnavailableException("Event " + event.meta().id()
                        + " (key '" + event.key() + "') was not sent: " + stopped + ". It is not stored; retry.",
                        null)));
                continue;
            }
            CompletableFuture<Dot> sent = send(event, values == null ? null : values.get(i), session);
            pending.add(sent);
            if (sent.isCompletedExceptionally() && SendFailures.cause(sent) instanceof KafkaUnavailableException) {
                stopped = "Kafka could not take an earlier event of the same request within "
                        + config.maxBlock().toMillis() + " ms";
            }
        }
        return pending;
    }

    /**
     * One outcome per event once every dot is settled, and one token, signed once, for the session after every
     * acknowledged write: it covers them all, so it is also the right token to hand back with each of them.
     */
    CompletableFuture<BatchResult> results(List<EditEvent> events, List<CompletableFuture<Dot>> dots,
            Position session) {
        return CompletableFuture.allOf(dots.toArray(CompletableFuture[]::new)).handle((done, ignored) ->
                settled(events, dots, session));
    }

    /**
     * As {@link #results}, on the calling thread, once every dot is settled: so that the token is signed by the
     * thread that waits for it rather than by the producer's network thread, which completes every send.
     */
    BatchResult settled(List<EditEvent> events, List<CompletableFuture<Dot>> dots, Position session) {
        Position after = session;
        for (CompletableFuture<Dot> dot : dots) {
            if (!dot.isCompletedExceptionally()) {
                after = SessionGuarantees.afterWrite(after, dot.join());
            }
        }
        String token = tokens.encode(after);
        List<BatchResult.Outcome> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String id = events.get(i).meta().id();
            CompletableFuture<Dot> dot = dots.get(i);
            outcomes.add(dot.isCompletedExceptionally()
                    ? new BatchResult.Outcome.Failed(id, SendFailures.unwrap(SendFailures.cause(dot)))
                    : new BatchResult.Outcome.Published(new PublishResult(id, dot.join(), token)));
        }
        return new BatchResult(outcomes, token);
    }

    private CompletableFuture<Dot> send(EditEvent event, byte[] written, Position session) {
        CompletableFuture<Dot> acked = new CompletableFuture<>();
        String topic;
        byte[] value;
        try {
            topic = config.topics().stream(event.meta().stream());
            value = written != null ? written : EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            acked.completeExceptionally(new ProducerException("Could not serialize event " + event.meta().id()
                    + ": " + e.getMessage(), e));
            return acked;
        }
        if (value.length > config.maxEventBytes()) {
            acked.completeExceptionally(new EventTooLargeException(event.meta().id(), value.length,
                    config.maxEventBytes()));
            return acked;
        }
        // The record's time is the intake's clock, never the client's meta.dt: conit staleness is measured from it
        // (a stream topic with message.timestamp.type=LogAppendTime has the broker's append time instead).
        long sentAt = clock.millis();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, sentAt, event.key(), value);
        RecordHeaders.putDeps(record.headers(), SessionGuarantees.writeDependencies(session));
        Thread sender = Thread.currentThread();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null && Thread.currentThread() == sender) { // before send returned: the record never left
                    acked.completeExceptionally(SendFailures.notSent(error, event, topic));
                } else if (error != null) {
                    acked.completeExceptionally(SendFailures.afterSend(error, metadata, sentAt, event, topic,
                            config));
                } else {
                    acked.complete(Dot.of(metadata.topic(), metadata.partition(), metadata.offset()));
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(SendFailures.notSent(e, event, topic));
        }
        return acked;
    }

    @Override
    public void close() {
        log.debug("Closing publisher: flushing buffered events");
        producer.close(config.deliveryTimeout());
    }
}
