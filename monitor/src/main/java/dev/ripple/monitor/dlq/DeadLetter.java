package dev.ripple.monitor.dlq;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One record waiting in a dead-letter queue (or refused), as an operator reads it.
 *
 * @param id {@code <partition>@<offset>} of the record in the DLQ topic; what {@code replay --id} takes
 * @param consumer who gave up on it, e.g. {@code propagator}
 * @param reason why
 * @param attempts how many times it was tried
 * @param firstFailure when it first failed
 * @param lastFailure when it last failed
 * @param topic the original topic, where a replay sends it
 * @param partition the original partition; -1 if it never reached Kafka
 * @param offset the original offset; -1 if it never reached Kafka
 * @param key the original key, or null
 * @param valueBytes size of the original value; -1 when the dead letter left the value out
 * @param headers the names of the original record's headers, which a replay sends back with it
 * @param preview the value's first characters as UTF-8 text, or null
 */
public record DeadLetter(String id, String consumer, String reason, int attempts, Instant firstFailure,
        Instant lastFailure, String topic, int partition, long offset, String key, int valueBytes, List<String> headers,
        String preview) {
    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }
}
