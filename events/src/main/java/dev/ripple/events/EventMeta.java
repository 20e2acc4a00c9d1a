package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * The envelope fields of an edit event. {@code id}, {@code dt} and {@code stream} are required on the topic; the
 * intake fills {@code id}, {@code dt} and {@code origin} when a producer leaves them out.
 *
 * @param id unique event id (a UUID string)
 * @param dt when the edit happened at its source
 * @param stream the Ripple stream the event belongs to
 * @param uri the resource's canonical URI; may be null
 * @param domain the resource's domain; may be null
 * @param requestId the request that caused the edit, for tracing; may be null
 * @param origin the region where the event entered Ripple; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMeta(
        String id,
        Instant dt,
        String stream,
        String uri,
        String domain,
        @JsonProperty("request_id") String requestId,
        String origin) {

    public EventMeta {
        Objects.requireNonNull(id, "meta.id");
        Objects.requireNonNull(dt, "meta.dt");
        Objects.requireNonNull(stream, "meta.stream");
    }

    public EventMeta withOrigin(String newOrigin) {
        return new EventMeta(id, dt, stream, uri, domain, requestId, newOrigin);
    }
}
