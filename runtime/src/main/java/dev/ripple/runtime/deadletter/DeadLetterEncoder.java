package dev.ripple.runtime.deadletter;

import dev.ripple.events.DeadLetterRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a {@link DeadLetter} into the {@link DeadLetterRecord} that goes to a dead-letter topic (the wire format of
 * {@code events}): the original value byte for byte and the original headers, with the reason and origin in
 * {@code ripple-dlq-*} headers, so it can be replayed as it was. A record larger than {@code maxRecordBytes} never
 * fails: it keeps the record's coordinates, key and headers, leaves the value out, and says so in its reason (the
 * value is still on the source topic). Immutable and thread-safe.
 */
public final class DeadLetterEncoder {
    /** Below Kafka's default {@code max.request.size} (1 MiB), leaving room for the record's overhead. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;
    /** Longest reason kept; a longer one (a stack of causes) is cut, so the reason never makes a record too large. */
    static final int MAX_REASON_CHARS = 2_000;

    private final String consumer;
    private final Clock clock;
    private final int maxRecordBytes;

    /**
     * @param consumer who gives up on records, e.g. {@code purger.eqiad}: the dead letter's consumer
     * @param clock gives each dead letter's last failure time
     * @param maxRecordBytes the record size above which the value is left out, at least 1,024
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

    /**
     * The dead letter of {@code letter}, last failed now: its {@link DeadLetterRecord#value()} and
     * {@link DeadLetterRecord#headers()} are the record to write, at most {@code maxRecordBytes} unless the original
     * headers alone are larger.
     */
    public DeadLetterRecord encode(DeadLetter letter) {
        Instant now = clock.instant();
        Instant first = letter.firstFailure().isAfter(now) ? now : letter.firstFailure();
        String reason = letter.reason().length() <= MAX_REASON_CHARS ? letter.reason()
                : letter.reason().substring(0, MAX_REASON_CHARS) + "…";
        DeadLetterRecord record = new DeadLetterRecord(letter.original(), reason, letter.attempts(), first, now,
                consumer, -1);
        if (record.sizeInBytes() <= maxRecordBytes) {
            return record;
        }
        byte[] value = letter.original().value();
        return record.withoutValue(reason + " (value of " + (value == null ? 0 : value.length) + " bytes left out "
                + "of this dead letter: it is on " + letter.original().topic() + "-" + letter.original().partition()
                + "@" + letter.original().offset() + ")");
    }
}
