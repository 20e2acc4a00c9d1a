package dev.ripple.cachepurger.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.ripple.events.EventJson;
import dev.ripple.events.PurgeRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads purge records as {@link dev.ripple.events.EventSerdes#purgeRecord()} does, with one difference found by
 * profiling: instants in the UTC form Ripple writes ({@code 2026-11-22T10:00:00.123Z}) are parsed by hand, which
 * is several times cheaper than {@code DateTimeFormatter} (three instants a record were half of the loop thread's
 * time). Any other form goes to Jackson's own parser. Records in the plain shape the serde writes are read by
 * {@link PurgeJson} off the token stream, the rest by data binding. Thread-safe.
 */
final class PurgeRecordReader {
    private static final ObjectReader READER = EventJson.mapper().copy()
            .registerModule(new SimpleModule("ripple-fast-instants").addDeserializer(Instant.class, new Utc()))
            .readerFor(PurgeRecord.class);

    private PurgeRecordReader() {}

    /** @throws SerializationException naming the topic, like the shared serde */
    static PurgeRecord read(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        PurgeRecord plain = PurgeJson.read(value);
        if (plain != null) {
            return plain;
        }
        try {
            return READER.readValue(value);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Could not read a PurgeRecord from " + topic + ": " + e.getMessage(), e);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, else Jackson's {@link InstantDeserializer#INSTANT}. */
    static final class Utc extends StdDeserializer<Instant> {
        Utc() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = parse(parser.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }

        /** The instant, or null if {@code text} is not in the plain UTC form. */
        static Instant parse(String text) {
            int length = text.length();
            if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                    || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                    || text.charAt(16) != ':') {
                return null;
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            if (length > 20) {
                int fraction = length - 21;
                if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                    return null;
                }
                nanos = digits(text, 20, length - 1);
                for (int i = fraction; i < 9; i++) {
                    nanos *= 10;
                }
            }
            if (year < 0 || hour < 0 || minute < 0 || second < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                    || nanos < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
                return null;
            }
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        }

        private static int digits(String text, int from, int to) {
            int value = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1_000_000_000;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
