package dev.ripple.propagator.internal;

import dev.ripple.events.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A compact binary form of {@link SourcePosition}: that of the {@code source-progress} store, where earlier builds
 * kept a task's positions (now {@link StoredPositions}), read at a task's start. Topic length and UTF-8 bytes,
 * partition, offset, and {@code dt} as epoch seconds and nanos.
 */
final class SourcePositionSerde {
    private SourcePositionSerde() {}

    static Serde<SourcePosition> serde() {
        return Serdes.serdeFrom((topic, p) -> {
            if (p == null) {
                return null;
            }
            byte[] name = p.topic().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(4 + name.length + 4 + 8 + 8 + 4).putInt(name.length).put(name)
                    .putInt(p.partition()).putLong(p.offset()).putLong(p.dt().getEpochSecond()).putInt(p.dt().getNano())
                    .array();
        }, (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes);
                byte[] name = new byte[in.getInt()];
                in.get(name);
                return new SourcePosition(new String(name, StandardCharsets.UTF_8), in.getInt(), in.getLong(),
                        Instant.ofEpochSecond(in.getLong(), in.getInt()));
            } catch (RuntimeException e) {
                throw new SerializationException("Not a stored source position: " + e, e);
            }
        });
    }
}
