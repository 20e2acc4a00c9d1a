package dev.ripple.producer;

import dev.ripple.consistency.Dot;
import java.util.Objects;

/**
 * An acknowledged write.
 *
 * @param eventId the event's {@code meta.id}
 * @param dot where it was written: source topic, partition and offset; its version
 * @param sessionToken the session's token after this write: it covers the dot, so reads with it see this write
 */
public record PublishResult(String eventId, Dot dot, String sessionToken) {
    public PublishResult {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }
}
