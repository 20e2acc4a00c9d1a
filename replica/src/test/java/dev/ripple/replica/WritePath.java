package dev.ripple.replica;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;

/**
 * How an IT writes: publish an edit for a session and get the acknowledgement. {@link DirectRegionFeed} writes the
 * region records itself, as the propagator would; a path through the real producer and propagator implements the
 * same interface, so the same checks run end to end once the propagator exists.
 */
interface WritePath extends AutoCloseable {

    /** An acknowledged write, as the client saw it. */
    record Ack(Dot dot, Position tokenIn, Position tokenOut, String token, long startMs, long endMs) {}

    /**
     * Publishes one upsert of {@code key} for a session and returns once it is acknowledged.
     *
     * @param token the session's token, or null for a new session
     */
    Ack write(String key, String body, String token);

    @Override
    void close();
}
