package dev.ripple.producer.internal;

import dev.ripple.producer.KafkaUnavailableException;
import org.apache.kafka.common.TopicPartition;

/**
 * A send Kafka never answered: it may be stored (the broker appended it, and the acknowledgement was lost with the
 * connection) or not. Unlike a send that never left the intake, its retry must not be written blindly: the intake
 * first looks for it in {@link #partition()} ({@link UncertainWrites}).
 */
final class UncertainWriteException extends KafkaUnavailableException {
    private final TopicPartition partition;
    private final long sentAtMillis;

    UncertainWriteException(String message, Throwable cause, TopicPartition partition, long sentAtMillis) {
        super(message, cause);
        this.partition = partition;
        this.sentAtMillis = sentAtMillis;
    }

    /** Where the record went, had Kafka stored it. */
    TopicPartition partition() {
        return partition;
    }

    /** The record's timestamp: the intake's clock when it sent it. */
    long sentAtMillis() {
        return sentAtMillis;
    }
}
