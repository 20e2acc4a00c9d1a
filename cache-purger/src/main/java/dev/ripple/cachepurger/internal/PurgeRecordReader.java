package dev.ripple.cachepurger.internal;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.ripple.events.EventJson;
import dev.ripple.events.PurgeRecord;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads purge records as {@link dev.ripple.events.EventSerdes#purgeRecord()} does: records in the plain shape the
 * serde writes off the token stream ({@link PurgeJson}, which profiling asked for), any other shape by the shared
 * serde's own data binding, which reads or refuses it. Thread-safe.
 */
final class PurgeRecordReader {
    private static final ObjectReader READER = EventJson.mapper().readerFor(PurgeRecord.class);

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
}
