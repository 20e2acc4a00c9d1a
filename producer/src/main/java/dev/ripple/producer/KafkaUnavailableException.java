package dev.ripple.producer;

/**
 * Kafka did not take the write in time (no metadata, no acknowledgement, or the send buffer stayed full). The
 * write may or may not have been stored; retrying is safe because replicas apply each dot once and drop older
 * revisions.
 */
public final class KafkaUnavailableException extends ProducerException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
