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
import dev.ripple.events.UtcInstants;
import java.io.IOException;
import java.time.Instant;
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
                Instant fast = UtcInstants.parse(parser.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
