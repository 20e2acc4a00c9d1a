package dev.ripple.runtime.deadletter;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.JsonSerde;
import dev.ripple.events.RetryEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a {@link DeadLetter} into the bytes of its {@link RetryEnvelope} (the wire format of {@code events}), the
 * record byte for byte so it can be replayed. An envelope larger than {@code maxRecordBytes} never fails: it keeps
 * the record's coordinates and key, leaves the value out, and says so in its reason (the value is still on the
 * source topic; a record refused at the intake, with no source, loses it). Immutable and thread-safe.
 */
public final class DeadLetterEncoder {
    /** Below Kafka's default {@code max.request.size} (1 MiB), leaving room for the record's overhead. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;
    private static final JsonSerde<RetryEnvelope> SERDE = EventSerdes.retryEnvelope();

    private final String consumer;
    private final Clock clock;
    private final int maxRecordBytes;

    /**
     * @param consumer who gives up on records, e.g. {@code purger.eqiad}: the envelope's consumer
     * @param clock gives each envelope's last failure time
     * @param maxRecordBytes the envelope size above which the value is left out, at least 1,024
     */
    public DeadLetterEncoder(String consumer, Clock clock, int maxRecordBytes) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("Invalid value " + maxRecordBytes
                    + " for configuration max_record_bytes: must be at least 1024");
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    public String consumer() {
        return consumer;
    }

    /** The envelope of {@code letter} as it goes to {@code dlqTopic}, last failed now. */
    public RetryEnvelope envelope(DeadLetter letter) {
        Instant now = clock.instant();
        Instant first = letter.firstFailure().isAfter(now) ? now : letter.firstFailure();
        return new RetryEnvelope(letter.original(), letter.reason(), letter.attempts(), first, now, consumer);
    }

    /** The envelope's bytes, at most {@code maxRecordBytes} unless the reason alone is longer. */
    public byte[] encode(String dlqTopic, DeadLetter letter) {
        RetryEnvelope envelope = envelope(letter);
        byte[] bytes = SERDE.serialize(dlqTopic, envelope);
        if (bytes.length <= maxRecordBytes) {
            return bytes;
        }
        FailedRecord original = envelope.original();
        FailedRecord coordinates = new FailedRecord(original.topic(), original.partition(), original.offset(),
                original.key(), null);
        String marked = envelope.reason() + " (value of " + (original.value() == null ? 0 : original.value().length)
                + " bytes left out of this envelope: replay it from " + original.topic() + "-" + original.partition()
                + "@" + original.offset() + ")";
        return SERDE.serialize(dlqTopic, new RetryEnvelope(coordinates, marked, envelope.attempts(),
                envelope.firstFailure(), envelope.lastFailure(), consumer));
    }
}
