package dev.ripple.events;

import java.util.Objects;

/**
 * "Nothing more from this source partition up to {@code source.offset} concerns this region": written for
 * records a rule filtered out or sent elsewhere, so positions advance on idle and filtered partitions too. A
 * watermark never claims a record that is not yet applied: it is written after every record before it.
 *
 * @param source the last source record it covers
 */
public record Watermark(SourcePosition source) implements RegionRecord, PurgeRecord {
    public Watermark {
        Objects.requireNonNull(source, "source");
    }
}
