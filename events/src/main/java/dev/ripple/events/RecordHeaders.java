package dev.ripple.events;

import dev.ripple.consistency.Position;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka headers Ripple puts on source records. The producer writes them; the propagator reads them.
 */
public final class RecordHeaders {
    /** The writer's session vector at publish time (compact binary position): the write's dependencies. */
    public static final String DEPS = "ripple-deps";

    private RecordHeaders() {}

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
