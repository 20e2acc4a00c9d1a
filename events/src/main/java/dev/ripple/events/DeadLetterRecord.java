package dev.ripple.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record a consumer gave up on, as it lies on {@code ripple.dlq.<consumer>} (or {@code ripple.refused.<part>}):
 * keyed by the original key, its value is the original value byte for byte, and its headers are the original
 * headers followed by {@code ripple-dlq-*} headers (UTF-8 text, readable by any Kafka client that prints headers)
 * that say where it came from and why. A replay sends the value and the original headers back unchanged.
 *
 * @param original the record as it was read
 * @param reason why it was given up, for an operator
 * @param attempts how many times it was tried (at least 1)
 * @param firstFailure when it first failed
 * @param lastFailure when it last failed
 * @param consumer who gave up on it, e.g. {@code replica.eqiad}
 * @param valueLeftOut the size of the original value when it was left out of a dead letter too large to hold
 *     it (the value is then null and still on the source topic); -1 when it is kept
 */
public record DeadLetterRecord(FailedRecord original, String reason, int attempts, Instant firstFailure,
        Instant lastFailure, String consumer, long valueLeftOut) {
    /** Every header Ripple adds starts with this; a replay strips them. */
    public static final String PREFIX = "ripple-dlq-";
    public static final String TOPIC = PREFIX + "topic";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";
    public static final String REASON = PREFIX + "reason";
    public static final String ATTEMPTS = PREFIX + "attempts";
    public static final String FIRST_FAILURE = PREFIX + "first-failure";
    public static final String LAST_FAILURE = PREFIX + "last-failure";
    public static final String CONSUMER = PREFIX + "consumer";
    public static final String VALUE_LEFT_OUT = PREFIX + "value-left-out";

    public DeadLetterRecord {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(consumer, "consumer");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        if (lastFailure.isBefore(firstFailure)) {
            throw new IllegalArgumentException("lastFailure " + lastFailure + " is before firstFailure "
                    + firstFailure);
        }
        if (valueLeftOut >= 0 && original.value() != null) {
            throw new IllegalArgumentException("a dead letter that left its value out holds none");
        }
    }

    /** The dead letter's value: the original value, or null when it was left out. */
    public byte[] value() {
        return original.value();
    }

    /** The dead letter's headers: the original ones (without any {@value #PREFIX} header), then Ripple's. */
    public Headers headers() {
        Headers headers = new RecordHeaders();
        originalHeaders().forEach(headers::add);
        text(headers, TOPIC, original.topic());
        text(headers, PARTITION, Integer.toString(original.partition()));
        text(headers, OFFSET, Long.toString(original.offset()));
        text(headers, REASON, reason);
        text(headers, ATTEMPTS, Integer.toString(attempts));
        text(headers, FIRST_FAILURE, firstFailure.toString());
        text(headers, LAST_FAILURE, lastFailure.toString());
        text(headers, CONSUMER, consumer);
        if (valueLeftOut >= 0) {
            text(headers, VALUE_LEFT_OUT, Long.toString(valueLeftOut));
        }
        return headers;
    }

    /** The original record's headers, as a replay sends them back. */
    public List<Header> originalHeaders() {
        return original.headers().stream().filter(h -> !h.key().startsWith(PREFIX)).toList();
    }

    /** The same dead letter with {@code newReason} and without the original value (recorded as left out). */
    public DeadLetterRecord withoutValue(String newReason) {
        byte[] value = original.value();
        return new DeadLetterRecord(original.withoutValue(), newReason, attempts, firstFailure, lastFailure, consumer,
                value == null ? 0 : value.length);
    }

    /** About how many bytes the record takes on Kafka: key, value, headers and some overhead. */
    public long sizeInBytes() {
        long size = 128 + (original.key() == null ? 0 : original.key().getBytes(StandardCharsets.UTF_8).length);
        byte[] value = original.value();
        size += value == null ? 0 : value.length;
        for (Header h : headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length) + 8;
        }
        return size;
    }

    /**
     * Reads a dead letter from a record of a dead-letter topic.
     *
     * @throws IllegalArgumentException if a {@value #PREFIX} header is missing or malformed: not a dead letter
     */
    public static DeadLetterRecord read(String key, byte[] value, Headers headers) {
        List<Header> originals = new ArrayList<>();
        for (Header h : headers) {
            if (!h.key().startsWith(PREFIX)) {
                originals.add(h);
            }
        }
        try {
            String leftOut = optional(headers, VALUE_LEFT_OUT);
            FailedRecord original = new FailedRecord(required(headers, TOPIC),
                    Integer.parseInt(required(headers, PARTITION)), Long.parseLong(required(headers, OFFSET)), key,
                    value, originals);
            return new DeadLetterRecord(original, required(headers, REASON),
                    Integer.parseInt(required(headers, ATTEMPTS)), Instant.parse(required(headers, FIRST_FAILURE)),
                    Instant.parse(required(headers, LAST_FAILURE)), required(headers, CONSUMER),
                    leftOut == null ? -1 : Long.parseLong(leftOut));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a dead letter: a " + PREFIX + "* header is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null) {
            throw new IllegalArgumentException("not a dead letter: no header " + name);
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
