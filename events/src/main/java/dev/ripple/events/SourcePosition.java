package dev.ripple.events;

import dev.ripple.consistency.Dot;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a propagated record came from: a source-topic record, and when its event happened.
 *
 * @param topic the source topic, {@code ripple.stream.<stream>}
 * @param partition the source partition; region topics are co-partitioned, so also the record's partition there
 * @param offset the source offset
 * @param dt the source record's timestamp: when Ripple accepted the write (the intake's clock, or the broker's
 *     append time on a {@code LogAppendTime} topic), never the client's {@code meta.dt}; staleness and end-to-end
 *     latency are measured from it
 */
public record SourcePosition(String topic, int partition, long offset, Instant dt) {
    public SourcePosition {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dt, "dt");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** The write's version: its {@code (topic:partition, offset)}. */
    public Dot dot() {
        return Dot.of(topic, partition, offset);
    }
}
