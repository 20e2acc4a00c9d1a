package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value on a region's purge topic {@code ripple.purge.<region>}: a {@link PurgeRequest} to carry out, or a
 * {@link Watermark} that only advances the purge position. On the wire, {@code "kind"} says which.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PurgeRequest.class, name = "purge"),
    @JsonSubTypes.Type(value = Watermark.class, name = "watermark")
})
public sealed interface PurgeRecord permits PurgeRequest, Watermark {
    /** The source record this one stands for. */
    SourcePosition source();
}
