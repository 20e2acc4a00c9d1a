package dev.ripple.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The event that started a chain of derived events.
 *
 * @param id the root event's {@code meta.id}
 * @param dt the root event's {@code meta.dt}
 */
public record RootEvent(String id, Instant dt) {
    public RootEvent {
        Objects.requireNonNull(id, "root_event.id");
        Objects.requireNonNull(dt, "root_event.dt");
    }
}
