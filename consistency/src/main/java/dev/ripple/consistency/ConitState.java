package dev.ripple.consistency;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How far one region is behind one conit at one instant (DESIGN.md section 6.2):
 * order error, numerical error and staleness of the conit's accepted writes that the region has not applied.
 * A write is applied when its offset is at most the region's applied offset for its partition.
 *
 * @param conit the conit name; not blank
 * @param orderError the number of accepted writes not yet applied; at least 0
 * @param numericalError the sum of their weights; at least 0
 * @param stalenessMs milliseconds since the event time of the oldest of them; 0 when none (and never negative,
 *     even if clocks disagree)
 * @param at the instant this was measured; not null
 */
public record ConitState(String conit, long orderError, double numericalError, long stalenessMs, Instant at) {

    /** @throws IllegalArgumentException if a value is negative */
    public ConitState {
        Objects.requireNonNull(conit, "conit");
        Objects.requireNonNull(at, "at");
        if (conit.isBlank()) {
            throw new IllegalArgumentException("Invalid conit name '" + conit + "': must not be blank");
        }
        if (orderError < 0 || !(numericalError >= 0) || stalenessMs < 0) {
            throw new IllegalArgumentException("Invalid state of conit " + conit + ": order error " + orderError
                    + ", numerical error " + numericalError + ", staleness " + stalenessMs + " ms must all be at least 0");
        }
    }

    /**
     * Measures a conit at a region. O(n) in the log; callers that track continuously trim the log of writes
     * every region has applied.
     *
     * @param conit the conit name; not blank
     * @param log the conit's accepted writes, in any order; every entry must belong to {@code conit}
     * @param applied the region's applied position; not null
     * @param clock the source of "now"; not null
     * @throws IllegalArgumentException if a write of another conit is in the log
     */
    public static ConitState measure(String conit, Collection<ConitWrite> log, Position applied, InstantSource clock) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(applied, "applied");
        Instant now = Objects.requireNonNull(clock, "clock").instant();
        long unapplied = 0;
        double weight = 0;
        Instant oldest = null;
        for (ConitWrite w : log) {
            if (!w.conit().equals(conit)) {
                throw new IllegalArgumentException("Write " + w.dot() + " belongs to conit " + w.conit()
                        + ", not " + conit + ": pass one conit's log at a time");
            }
            if (w.offset() > applied.offset(w.source())) {
                unapplied++;
                weight += w.weight();
                oldest = oldest == null || w.dt().isBefore(oldest) ? w.dt() : oldest;
            }
        }
        long staleness = oldest == null ? 0 : Math.max(0, now.toEpochMilli() - oldest.toEpochMilli());
        return new ConitState(conit, unapplied, weight, staleness, now);
    }

    /** @return the bounds this state exceeds, in the order staleness, unapplied, weight; empty when within */
    public List<ConitViolation> violations(ConitBounds bounds) {
        Objects.requireNonNull(bounds, "bounds");
        List<ConitViolation> result = new ArrayList<>(3);
        if (stalenessMs > bounds.stalenessMs()) {
            result.add(new ConitViolation(ConitViolation.Bound.STALENESS_MS, bounds.stalenessMs(), stalenessMs));
        }
        if (orderError > bounds.maxUnapplied()) {
            result.add(new ConitViolation(ConitViolation.Bound.MAX_UNAPPLIED, bounds.maxUnapplied(), orderError));
        }
        if (numericalError > bounds.maxWeight()) {
            result.add(new ConitViolation(ConitViolation.Bound.MAX_WEIGHT, bounds.maxWeight(), numericalError));
        }
        return List.copyOf(result);
    }

    /** @return true when no bound is exceeded */
    public boolean within(ConitBounds bounds) {
        return violations(bounds).isEmpty();
    }
}
