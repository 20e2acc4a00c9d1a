package dev.ripple.prober.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.events.Op;
import java.time.Instant;
import java.util.Objects;

/**
 * An acknowledged write the prober follows.
 *
 * @param stream its stream
 * @param key the resource key
 * @param op what it did
 * @param revision its revision; null when the event carried none (then only its dot orders it)
 * @param dot where it sits in the source log: its version
 * @param writtenAt when it was acknowledged (the source record's timestamp): the ladder counts from here
 */
public record SampledWrite(String stream, String key, Op op, Long revision, Dot dot, Instant writtenAt) {
    public SampledWrite {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }

    /**
     * Does a target that serves {@code servedRevision} at {@code servedDot} serve this write or a newer one? By
     * revision when both have one, else by position in the same source partition.
     */
    public boolean servedBy(Long servedRevision, Dot servedDot) {
        if (revision != null && servedRevision != null) {
            return servedRevision >= revision;
        }
        return servedDot != null && servedDot.partition().equals(dot.partition()) && servedDot.offset() >= dot.offset();
    }
}
