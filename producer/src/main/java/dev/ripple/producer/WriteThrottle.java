package dev.ripple.producer;

import dev.ripple.events.EditEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a write must wait: the hook through which a conit's {@code throttle-writes} enforcement turns
 * writes away with {@code 429} while a region is past its bound (DESIGN.md section 6.2). Must be fast and
 * thread-safe; it is asked once per event.
 */
@FunctionalInterface
public interface WriteThrottle {
    /** Never throttles. */
    WriteThrottle NONE = event -> Optional.empty();

    /**
     * @return how long the writer should wait before retrying, or empty to let the write through
     */
    Optional<Throttled> check(EditEvent event);

    /**
     * A refusal.
     *
     * @param retryAfter the {@code Retry-After} to send
     * @param reason why, naming the conit and region
     */
    record Throttled(Duration retryAfter, String reason) {}
}
