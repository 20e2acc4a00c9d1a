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
import dev.ripple.producer.ProducerException;
import dev.ripple.producer.PublishResult;
import dev.ripple.producer.Publisher;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.runtime.kafka.KafkaClients;
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

/** {@link Publisher} on one {@link KafkaProducer}. */
public final class KafkaPublisher implements Publisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final PublisherConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final SessionTokens tokens;

    private KafkaPublisher(PublisherConfig config, KafkaProducer<String, byte[]> producer) {
        this.config = config;
        this.producer = producer;
        this.tokens = new SessionTokens(config.tokens(), config.epoch());
    }

    /** Creates the Kafka producer; it connects lazily, on the first send. */
    public static KafkaPublisher start(PublisherConfig config) {
        return new KafkaPublisher(config, KafkaClients.idempotentProducer(ProducerSettings.kafka(config), null,
                ProducerSettings.of(config), new StringSerializer(), new ByteArraySerializer()));
    }

    @Override
    public CompletionStage<PublishResult> publish(EditEvent event, String sessionToken) {
        Position session;
        try {
            session = tokens.decode(sessionToken);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(event, session).thenApply(dot ->
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
        List<CompletableFuture<Dot>> pending = new ArrayList<>(events.size());
        for (EditEvent event : events) {
            pending.add(send(event, session));
        }
        // One token for the whole batch, signed once: it covers every acknowledged write, so it is also the
        // right token to hand back with each of them.
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((done, ignored) -> {
            Position after = session;
            for (CompletableFuture<Dot> dot : pending) {
                if (!dot.isCompletedExceptionally()) {
                    after = SessionGuarantees.afterWrite(after, dot.join());
                }
            }
            String token = tokens.encode(after);
            List<BatchResult.Outcome> outcomes = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                String id = events.get(i).meta().id();
                CompletableFuture<Dot> dot = pending.get(i);
                outcomes.add(dot.isCompletedExceptionally()
                        ? new BatchResult.Outcome.Failed(id, SendFailures.unwrap(dot.handle((d, e) -> e).join()))
                        : new BatchResult.Outcome.Published(new PublishResult(id, dot.join(), token)));
            }
            return new BatchResult(outcomes, token);
        });
    }

    private CompletableFuture<Dot> send(EditEvent event, Position session) {
        CompletableFuture<Dot> acked = new CompletableFuture<>();
        String topic;
        byte[] value;
        try {
            topic = config.topics().stream(event.meta().stream());
            value = EventJson.mapper().writeValueAsBytes(event);
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
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), value);
        RecordHeaders.putDeps(record.headers(), SessionGuarantees.writeDependencies(session));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(SendFailures.translate(error, event, topic, config));
                } else {
                    acked.complete(Dot.of(metadata.topic(), metadata.partition(), metadata.offset()));
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(SendFailures.translate(e, event, topic, config));
        }
        return acked;
    }

    @Override
    public void close() {
        log.debug("Closing publisher: flushing buffered events");
        producer.close(config.deliveryTimeout());
    }
}
