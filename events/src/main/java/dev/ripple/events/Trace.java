package dev.ripple.events;

import java.time.Instant;
import java.util.Objects;

/**
 * When a record passed each hop before it reached a region's consumer, so latency is measured per hop and end
 * to end (the consumers add their own hop when they apply or purge).
 *
 * @param accepted when Kafka accepted the source record (its timestamp)
 * @param propagated when the propagator emitted this record
 */
public record Trace(Instant accepted, Instant propagated) {
    public Trace {
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(propagated, "propagated");
    }
}
