package dev.ripple.events;

import java.util.Objects;

/**
 * An accepted write that belongs to a conit, on {@code ripple.conit-log} (keyed by conit name). The conit tracker
 * joins these with region positions to compute order error, numerical error and staleness.
 *
 * @param conit the conit's name
 * @param source the write's source position; its {@code dt} is the write's time
 * @param weight the write's weight in the conit's numerical error
 */
public record ConitLogEntry(String conit, SourcePosition source, double weight) {
    public ConitLogEntry {
        Objects.requireNonNull(conit, "conit");
        Objects.requireNonNull(source, "source");
        if (weight < 0 || Double.isNaN(weight)) {
            throw new IllegalArgumentException("weight must be a non-negative number, was " + weight);
        }
    }
}
