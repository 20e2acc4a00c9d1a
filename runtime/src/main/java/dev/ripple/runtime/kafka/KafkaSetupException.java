package dev.ripple.runtime.kafka;

/** Kafka did not let a part set itself up: it did not answer in time, or refused a topic or group request. */
public class KafkaSetupException extends RuntimeException {
    public KafkaSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaSetupException(String message) {
        super(message);
    }
}
