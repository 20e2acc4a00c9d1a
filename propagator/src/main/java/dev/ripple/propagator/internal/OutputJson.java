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
import dev.ripple.events.UtcInstants;
import java.io.IOException;
import java.time.Instant;
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
                    gen.writeString(UtcInstants.format(value));
                }
            });
            addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    if (p.hasToken(JsonToken.VALUE_STRING)) {
                        Instant fast = UtcInstants.parse(p.getText());
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
