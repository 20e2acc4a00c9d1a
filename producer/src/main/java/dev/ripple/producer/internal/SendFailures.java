package dev.ripple.producer.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.producer.KafkaUnavailableException;
import dev.ripple.producer.ProducerException;
import dev.ripple.producer.PublisherConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/** Turns Kafka send failures into the producer's exceptions, with the event and topic named. */
final class SendFailures {
    private SendFailures() {}

    /**
     * A failure of {@code KafkaProducer.send} itself (thrown, or given to the callback before {@code send} returned:
     * no metadata or no buffer space within {@code max.block.ms}): the record never left the intake, so it is not
     * stored.
     */
    static ProducerException notSent(Throwable error, EditEvent event, String topic) {
        if (unanswered(error)) {
            return new KafkaUnavailableException("Kafka did not take event " + event.meta().id() + " (key '"
                    + event.key() + "') on " + topic + ": " + sentence(error) + " It is not stored; retrying is safe.",
                    error);
        }
        return refused(error, event, topic);
    }

    /**
     * A failure of a record that left the intake, reported by its callback: one Kafka did not answer in time may be
     * stored all the same, so it becomes an {@link UncertainWriteException} naming its partition (from
     * {@code metadata}) and timestamp.
     */
    static ProducerException afterSend(Throwable error, RecordMetadata metadata, long sentAtMillis, EditEvent event,
            String topic, PublisherConfig config) {
        if (!unanswered(error)) {
            return refused(error, event, topic);
        }
        String why = "Kafka did not acknowledge event " + event.meta().id() + " (key '" + event.key() + "') on "
                + topic + " within " + config.deliveryTimeout().toMillis() + " ms: " + sentence(error)
                + " It may or may not be stored; retrying is safe.";
        if (metadata == null || metadata.partition() == RecordMetadata.UNKNOWN_PARTITION) {
            return new KafkaUnavailableException(why, error); // a partition is chosen before a record leaves
        }
        return new UncertainWriteException(why, error, new TopicPartition(metadata.topic(), metadata.partition()),
                sentAtMillis);
    }

    private static boolean unanswered(Throwable error) {
        return error instanceof RetriableException || error instanceof org.apache.kafka.common.errors.TimeoutException;
    }

    /** Kafka's message as a sentence: it may end in a period of its own, or in none. */
    private static String sentence(Throwable error) {
        String message = String.valueOf(error.getMessage()).strip();
        return message.endsWith(".") ? message : message + ".";
    }

    private static ProducerException refused(Throwable error, EditEvent event, String topic) {
        return new ProducerException("Kafka refused event " + event.meta().id() + " on " + topic + ": "
                + error.getMessage(), error);
    }

    /** Why {@code failed} failed, without the {@link CompletionException} around it; null if it did not fail. */
    static Throwable cause(CompletableFuture<?> failed) {
        if (!failed.isCompletedExceptionally()) {
            return null;
        }
        Throwable error = failed.handle((value, e) -> e).join();
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    static ProducerException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ProducerException producer ? producer
                : new ProducerException(String.valueOf(cause.getMessage()), cause);
    }
}
