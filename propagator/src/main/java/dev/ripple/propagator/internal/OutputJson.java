package dev.ripple.propagator.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.RegionRecord;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The wire JSON of {@link EventJson#mapper()}, byte for byte, written and read faster on the propagator's hot
 * path: a position is written straight into the record's generator (the shared module renders it to a string
 * through a new generator per record, then copies it in), and ISO-8601 instants are formatted and parsed without
 * {@code DateTimeFormatter} for the common form ({@code 2026-11-22T10:00:00.123Z}); anything else goes to
 * Jackson's own {@link InstantDeserializer}. {@code OutputJsonTest} holds the two mappers to equal bytes and
 * equal values. Thread-safe.
 */
final class OutputJson {
    private static final ObjectMapper MAPPER = EventJson.mapper().copy().registerModule(new FastModule());
    private static final ObjectReader EDIT_EVENT = MAPPER.readerFor(EditEvent.class);
    /** 9999-12-31T23:59:59Z + 1 s: from here on ISO-8601 years have more than 4 digits. */
    private static final long MAX_FAST_SECOND = 253_402_300_800L;

    private OutputJson() {}

    static Serializer<RegionRecord> regionRecord() {
        return OutputJson::write;
    }

    static Serializer<PurgeRecord> purgeRecord() {
        return OutputJson::write;
    }

    static Serializer<ConitLogEntry> conitLogEntry() {
        return OutputJson::write;
    }

    /** Reads an edit event as {@link EventJson#mapper()} would. */
    static EditEvent readEditEvent(byte[] value) throws IOException {
        return EDIT_EVENT.readValue(value);
    }

    private static byte[] write(String topic, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Could not write " + value.getClass().getSimpleName() + " for "
                    + topic, e);
        }
    }

    /** {@code Instant.toString()}: ISO-8601 in UTC, fraction in groups of three digits, none when zero. */
    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < 0 || second >= MAX_FAST_SECOND) {
            return instant.toString();
        }
        SecondText cached = SecondText.CACHE[(int) (second & (SecondText.CACHE.length - 1))];
        if (cached == null || cached.second != second) {
            String whole = Instant.ofEpochSecond(second).toString(); // "yyyy-MM-ddTHH:mm:ssZ"
            cached = new SecondText(second, whole.substring(0, whole.length() - 1));
            SecondText.CACHE[(int) (second & (SecondText.CACHE.length - 1))] = cached;
        }
        int nano = instant.getNano();
        if (nano == 0) {
            return cached.text + 'Z';
        }
        StringBuilder out = new StringBuilder(30).append(cached.text).append('.');
        if (nano % 1_000_000 == 0) {
            appendDigits(out, nano / 1_000_000, 3);
        } else if (nano % 1_000 == 0) {
            appendDigits(out, nano / 1_000, 6);
        } else {
            appendDigits(out, nano, 9);
        }
        return out.append('Z').toString();
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; null for any other text (or an invalid date), which the caller
     * hands to Jackson's parser, so errors and other accepted forms stay Jackson's.
     */
    static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nano *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The non-negative number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void appendDigits(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** The text of one whole second, without the zone; immutable, so a racy cache slot is safe to share. */
    private record SecondText(long second, String text) {
        static final SecondText[] CACHE = new SecondText[8];
    }

    private static final class FastModule extends SimpleModule {
        FastModule() {
            super("ripple-propagator-fast-json");
            addSerializer(Position.class, new JsonSerializer<>() {
                @Override
                public void serialize(Position value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    gen.writeStartObject();
                    gen.writeNumberField("epoch", value.epoch());
                    gen.writeObjectFieldStart("offsets");
                    for (TopicPartitionKey partition : value.partitions()) {
                        gen.writeNumberField(partition.toString(), value.offset(partition));
                    }
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
            });
            addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    gen.writeString(format(value));
                }
            });
            addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    if (p.hasToken(JsonToken.VALUE_STRING)) {
                        Instant fast = parse(p.getText());
                        if (fast != null) {
                            return fast;
                        }
                    }
                    return InstantDeserializer.INSTANT.deserialize(p, ctxt);
                }
            });
        }
    }
}
