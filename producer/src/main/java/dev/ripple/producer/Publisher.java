package dev.ripple.producer;

import dev.ripple.events.EditEvent;
import dev.ripple.producer.internal.KafkaPublisher;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Publishes edit events to their stream's source topic, durably (acks from all in-sync replicas, idempotent),
 * keyed by resource key so each key's edits stay in order.
 *
 * <p>Session tokens: pass the token from the session's previous write or read (or null for a new session). The
 * write carries the session's vector as its dependencies, and the result's token covers the write, so a read
 * with it, in any region, sees it. Thread-safe.
 *
 * <pre>{@code
 * try (Publisher publisher = Publisher.create(PublisherConfig.defaults("127.0.0.1:9092", codec))) {
 *     PublishResult result = publisher.publish(event, token).toCompletableFuture().join();
 *     token = result.sessionToken();
 * }
 * }</pre>
 */
public interface Publisher extends AutoCloseable {

    /** A publisher with its own Kafka producer. */
    static Publisher create(PublisherConfig config) {
        return KafkaPublisher.start(config);
    }

    /**
     * Publishes one event.
     *
     * @param sessionToken the session's token, or null
     * @return completes once Kafka acknowledged the write; fails with {@link KafkaUnavailableException} if it did
     *     not in time, {@link EventTooLargeException} if the event is over the size limit, or a
     *     {@code SessionTokenException} if the token is malformed, forged or from an older epoch — in those
     *     last two cases nothing was sent
     */
    CompletionStage<PublishResult> publish(EditEvent event, String sessionToken);

    /**
     * Publishes events as one unit of a session: every write carries the session's vector as it was before the
     * batch, and the final token covers them all. Writes to one key stay in order; writes to different keys in
     * one batch are concurrent (send separate batches when one must be seen before another).
     *
     * <p>Once one event cannot be handed to Kafka within {@code maxBlock} (no metadata, buffer full), the events
     * after it fail with {@link KafkaUnavailableException} without being sent, so a batch blocks for at most one
     * {@code maxBlock}, not one per event.
     *
     * @return completes when every event is acknowledged or has failed, with one outcome per event and the
     *     session's token after all acknowledged writes; fails only for a bad session token (nothing sent)
     */
    CompletionStage<BatchResult> publishAll(List<EditEvent> events, String sessionToken);

    /** Sends what is buffered, waits for acknowledgements (up to the delivery timeout), and releases Kafka. */
    @Override
    void close();
}
