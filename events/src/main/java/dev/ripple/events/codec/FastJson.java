package dev.ripple.events.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.ripple.consistency.Position;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.UtcInstants;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The wire JSON of {@link EventJson#mapper()} and {@link EventSerdes}, byte for byte and value for value, written
 * and read faster on the hot paths (the propagator's outputs, the purgers' input):
 * <ul>
 *   <li>replication records, purge requests and conit-log entries are written field by field on a streaming
 *       generator ({@code RecordWriter}), without the data binding's reflective record accessors;</li>
 *   <li>writers: a position is written straight into the record's generator (the shared module renders it to a
 *       string through a new generator per record, then copies it in), and ISO-8601 instants are formatted and
 *       parsed without {@code DateTimeFormatter} for the common form ({@code 2026-11-22T10:00:00.123Z}); anything
 *       else goes to Jackson's own {@link InstantDeserializer};</li>
 *   <li>{@link #purgeRecord()} reader: records in the plain shape the serde writes are read off the token stream
 *       ({@code PurgeJson}, which profiling asked for), any other shape by the shared data binding, which reads or
 *       refuses it.</li>
 * </ul>
 * {@code FastJsonAgreementTest} holds each to the standard serde both ways. Thread-safe.
 */
public final class FastJson {
    private static final ObjectMapper MAPPER = EventJson.mapper().copy().registerModule(new FastModule());
    private static final ObjectReader EDIT_EVENT = MAPPER.readerFor(EditEvent.class);
    private static final ObjectReader PURGE_RECORD = EventJson.mapper().readerFor(PurgeRecord.class);
    private static final RecordWriter RECORDS = new RecordWriter(MAPPER.getFactory());

    private FastJson() {}

    /** Writes what {@link EventSerdes#regionRecord()} writes. */
    public static Serializer<RegionRecord> regionRecord() {
        return FastJson::write;
    }

    /** Writes what {@link EventSerdes#purgeRecord()} writes. */
    public static Serializer<PurgeRecord> purgeRecord() {
        return FastJson::write;
    }

    /** Writes what {@link EventSerdes#conitLogEntry()} writes. */
    public static Serializer<ConitLogEntry> conitLogEntry() {
        return FastJson::write;
    }

    /** Reads an edit event as {@link EventJson#mapper()} would, and refuses what it refuses. */
    public static EditEvent readEditEvent(byte[] value) throws IOException {
        return EDIT_EVENT.readValue(value);
    }

    /** Reads what {@link EventSerdes#purgeRecord()} reads, and refuses what it refuses. */
    public static Deserializer<PurgeRecord> purgeRecordReader() {
        return FastJson::readPurgeRecord;
    }

    /**
     * Reads a purge record as {@link EventSerdes#purgeRecord()} does; null for a null value.
     *
     * @throws SerializationException naming the topic, like the shared serde
     */
    public static PurgeRecord readPurgeRecord(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        PurgeRecord plain = PurgeJson.read(value);
        if (plain != null) {
            return plain;
        }
        try {
            return PURGE_RECORD.readValue(value);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Could not read a PurgeRecord from " + topic + ": " + e.getMessage(), e);
        }
    }

    private static byte[] write(String topic, Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof ReplicationRecord replication) {
                return RECORDS.replication(replication);
            }
            if (value instanceof PurgeRequest purge) {
                return RECORDS.purge(purge);
            }
            if (value instanceof ConitLogEntry entry) {
                return RECORDS.conitLogEntry(entry);
            }
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("Could not write " + value.getClass().getSimpleName() + " for "
                    + topic, e);
        }
    }

    private static final class FastModule extends SimpleModule {
        FastModule() {
            super("ripple-fast-json");
            addSerializer(Position.class, new JsonSerializer<>() {
                @Override
                public void serialize(Position value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    RecordWriter.position(gen, value);
                }
            });
            addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                        throws IOException {
                    gen.writeString(UtcInstants.format(value));
                }
            });
            addDeserializer(Instant.class, new UtcInstantDeserializer());
        }
    }
}
