package dev.ripple.producer;

/**
 * Kafka did not take the write in time (no metadata, no acknowledgement, or the send buffer stayed full). The
 * write may or may not have been stored, so a retry may write a second record: harmless for an event with a
 * {@code revision} (the replicas drop what is not newer), not for one without. Through the intake, retry with the
 * same {@code meta.id}: the intake answers a retry with the first publish's outcome ({@link RetryWindow}). Not
 * final: the intake marks a write that reached Kafka but was never answered with a subclass of its own.
 */
public class KafkaUnavailableException extends ProducerException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
