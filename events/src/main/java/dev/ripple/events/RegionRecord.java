package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A value on a region's replication topic {@code ripple.replicate.<region>}: a {@link ReplicationRecord} to
 * apply, or a {@link Watermark} that only advances the region's position. On the wire, {@code "kind"} says which.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReplicationRecord.class, name = "replicate"),
    @JsonSubTypes.Type(value = Watermark.class, name = "watermark")
})
public sealed interface RegionRecord permits ReplicationRecord, Watermark {
    /** The source record this one stands for. */
    SourcePosition source();
}
