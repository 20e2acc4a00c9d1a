package dev.ripple.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde writing a record type as JSON with {@link EventJson#mapper()}. A value that cannot be read is a
 * {@link SerializationException} naming the topic and type, so Streams' deserialization handler can route it.
 * Thread-safe.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;
    private final ObjectMapper mapper;

    private JsonSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.mapper = EventJson.mapper();
    }

    /** A serde for {@code type}. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("Could not write " + type.getSimpleName() + " for " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Could not read a " + type.getSimpleName() + " from " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // configured by construction
    }

    @Override
    public void close() {
        // nothing to release
    }
}
