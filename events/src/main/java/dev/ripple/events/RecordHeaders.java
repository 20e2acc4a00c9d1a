package dev.ripple.events;

import dev.ripple.consistency.Position;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka headers Ripple puts on source records (the producer writes them; the propagator reads them) and on
 * latest-state records (the propagator writes them; rebuilds and replays read them).
 */
public final class RecordHeaders {
    /** The writer's session vector at publish time (compact binary position): the write's dependencies. */
    public static final String DEPS = "ripple-deps";

    /**
     * On a {@code ripple.latest.<stream>} record: the offset of the source record it copies (8 bytes, big-endian),
     * since the compacted topic's own offsets differ.
     */
    public static final String SOURCE_OFFSET = "ripple-source-offset";

    private RecordHeaders() {}

    /** Sets the source offset a latest-state record copies, replacing any. */
    public static void putSourceOffset(Headers headers, long offset) {
        headers.remove(SOURCE_OFFSET);
        headers.add(SOURCE_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
    }

    /**
     * The source offset a latest-state record copies, if it carries one.
     *
     * @throws IllegalArgumentException if the header is present but not 8 bytes of a non-negative offset
     */
    public static OptionalLong sourceOffset(Headers headers) {
        Header header = headers.lastHeader(SOURCE_OFFSET);
        if (header == null) {
            return OptionalLong.empty();
        }
        byte[] value = header.value();
        if (value == null || value.length != Long.BYTES) {
            throw new IllegalArgumentException("header " + SOURCE_OFFSET + " must be 8 bytes, was "
                    + (value == null ? "empty" : value.length + " bytes"));
        }
        long offset = ByteBuffer.wrap(value).getLong();
        if (offset < 0) {
            throw new IllegalArgumentException("header " + SOURCE_OFFSET + " holds a negative offset " + offset);
        }
        return OptionalLong.of(offset);
    }

    /** Adds the dependencies of a write; an empty position adds nothing. */
    public static void putDeps(Headers headers, Position deps) {
        if (!deps.isEmpty()) {
            headers.remove(DEPS);
            headers.add(DEPS, deps.toBytes());
        }
    }

    /**
     * The dependencies a source record carries, if any.
     *
     * @throws IllegalArgumentException if the header is present but not a position
     */
    public static Optional<Position> deps(Headers headers) {
        Header header = headers.lastHeader(DEPS);
        return header == null ? Optional.empty() : Optional.of(Position.fromBytes(header.value()));
    }
}
