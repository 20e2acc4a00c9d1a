package dev.ripple.events.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import java.io.IOException;

/**
 * Jackson forms of the consistency types that travel in events: a position as its own JSON form
 * ({@code {"epoch":1,"offsets":{"ripple.stream.edits:0":17}}}), a dot as {@code topic:partition@offset}.
 */
public final class ConsistencyJsonModule extends SimpleModule {
    public ConsistencyJsonModule() {
        super("ripple-consistency");
        addSerializer(Position.class, new JsonSerializer<>() {
            @Override
            public void serialize(Position value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeRawValue(value.toJson());
            }
        });
        addDeserializer(Position.class, new JsonDeserializer<>() {
            @Override
            public Position deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return Position.fromJson(p.readValueAsTree().toString());
            }
        });
        addSerializer(Dot.class, new JsonSerializer<>() {
            @Override
            public void serialize(Dot value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        addDeserializer(Dot.class, new JsonDeserializer<>() {
            @Override
            public Dot deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return Dot.parse(p.getValueAsString());
            }
        });
    }
}
