package dev.ripple.runtime.latest;

import dev.ripple.events.EditEvent;
import dev.ripple.events.SourcePosition;
import java.util.Objects;

/**
 * One key's latest state as the propagator kept it: the stream, the event, and where it sits in the source log.
 *
 * @param stream the stream the event was published to
 * @param event the event as accepted on the source topic (never an invalidation: those are not kept)
 * @param source its source topic, partition, offset and record time, so its dot is the original write's
 */
public record LatestEntry(String stream, EditEvent event, SourcePosition source) {
    public LatestEntry {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
    }

    /** The resource key. */
    public String key() {
        return event.key();
    }
}
