package dev.ripple.propagator.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.RetryEnvelope;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds dead-letter records: a {@link RetryEnvelope} holding the source record byte for byte, so it can be
 * replayed. An envelope that would exceed the record limit keeps the record's coordinates and leaves its value
 * out (it is still on the source topic).
 */
final class DeadLetters {
    /** The consumer name in envelopes the propagator writes. */
    static final String CONSUMER = "propagator";

    private final Serializer<RetryEnvelope> serializer = EventSerdes.retryEnvelope();
    private final Clock clock;
    private final int maxRecordBytes;

    DeadLetters(Clock clock, int maxRecordBytes) {
        this.clock = clock;
        this.maxRecordBytes = maxRecordBytes;
    }

    Routed envelope(String dlqTopic, FailedRecord original, String reason) {
        Instant now = clock.instant();
        byte[] bytes = serializer.serialize(dlqTopic, new RetryEnvelope(original, reason, 1, now, now, CONSUMER));
        if (bytes.length > maxRecordBytes) {
            FailedRecord coordinates = new FailedRecord(original.topic(), original.partition(), original.offset(),
                    original.key(), null);
            String longer = reason + " (value of " + (original.value() == null ? 0 : original.value().length) + " bytes left out of this envelope: "
                    + "replay it from " + original.topic() + "-" + original.partition() + "@" + original.offset()
                    + ")";
            bytes = serializer.serialize(dlqTopic, new RetryEnvelope(coordinates, longer, 1, now, now, CONSUMER));
        }
        return new Routed(dlqTopic, -1, bytes);
    }
}
