package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * The event that started a chain of derived events.
 *
 * @param id the root event's {@code meta.id}
 * @param dt the root event's {@code meta.dt}
 * @param key the root event's key, so that a chain that comes back to it is cut; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RootEvent(String id, Instant dt, String key) {
    public RootEvent {
        Objects.requireNonNull(id, "root_event.id");
        Objects.requireNonNull(dt, "root_event.dt");
    }

    public RootEvent(String id, Instant dt) {
        this(id, dt, null);
    }
}
