package dev.ripple.consistency;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted write of a conit, as the conit tracker reads it from the source stream.
 *
 * @param conit the conit name; not blank
 * @param source the source partition of the write; not null
 * @param offset the source offset; at least 0
 * @param dt when Ripple accepted the write (the source record's timestamp), never the client's {@code meta.dt};
 *     not null
 * @param weight its numerical weight; finite, at least 0 (events default to 1)
 */
public record ConitWrite(String conit, TopicPartitionKey source, long offset, Instant dt, double weight) {

    /** @throws IllegalArgumentException if a value is out of range */
    public ConitWrite {
        Objects.requireNonNull(conit, "conit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dt, "dt");
        if (conit.isBlank()) {
            throw new IllegalArgumentException("Invalid conit name '" + conit + "': must not be blank");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid offset " + offset + " for " + source + " in conit " + conit);
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("Invalid weight " + weight + " at " + source + "@" + offset + " in conit "
                    + conit + ": must be finite and at least 0");
        }
    }

    /** @return the write's dot */
    public Dot dot() {
        return new Dot(source, offset);
    }
}
