package dev.ripple.producer.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.producer.KafkaUnavailableException;
import dev.ripple.producer.ProducerException;
import dev.ripple.producer.PublisherConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RetriableException;

/** Turns Kafka send failures into the producer's exceptions, with the event and topic named. */
final class SendFailures {
    private SendFailures() {}

    static ProducerException translate(Throwable error, EditEvent event, String topic, PublisherConfig config) {
        if (error instanceof RetriableException || error instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new KafkaUnavailableException("Kafka did not take event " + event.meta().id() + " (key '"
                    + event.key() + "') on " + topic + " within " + config.deliveryTimeout().toMillis() + " ms: "
                    + error.getMessage() + ". It may or may not be stored; retrying is safe.", error);
        }
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
