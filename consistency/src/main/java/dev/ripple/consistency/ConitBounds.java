package dev.ripple.consistency;

/**
 * The bounds of a conit (DESIGN.md section 6.2, after TACT). A bound of {@link Long#MAX_VALUE} (or positive
 * infinity for the weight) means unbounded.
 *
 * @param stalenessMs the most milliseconds the oldest unapplied write may wait; at least 0
 * @param maxUnapplied the most accepted writes a region may lack (order error); at least 0
 * @param maxWeight the most total weight a region may lack (numerical error); at least 0, not NaN
 */
public record ConitBounds(long stalenessMs, long maxUnapplied, double maxWeight) {

    private static final ConitBounds UNBOUNDED = new ConitBounds(Long.MAX_VALUE, Long.MAX_VALUE, Double.POSITIVE_INFINITY);

    /** @throws IllegalArgumentException if a bound is negative or NaN */
    public ConitBounds {
        if (stalenessMs < 0) {
            throw new IllegalArgumentException("Invalid value " + stalenessMs + " for bound staleness_ms: must be at least 0");
        }
        if (maxUnapplied < 0) {
            throw new IllegalArgumentException("Invalid value " + maxUnapplied + " for bound max_unapplied: must be at least 0");
        }
        if (!(maxWeight >= 0)) {
            throw new IllegalArgumentException("Invalid value " + maxWeight + " for bound max_weight: must be at least 0");
        }
    }

    /** @return bounds that nothing exceeds */
    public static ConitBounds unbounded() {
        return UNBOUNDED;
    }

    /** Bounds as a config states them: a null bound is unbounded. */
    public static ConitBounds of(Long stalenessMs, Long maxUnapplied, Double maxWeight) {
        return new ConitBounds(stalenessMs == null ? Long.MAX_VALUE : stalenessMs,
                maxUnapplied == null ? Long.MAX_VALUE : maxUnapplied,
                maxWeight == null ? Double.POSITIVE_INFINITY : maxWeight);
    }

    /** @return a copy with {@code staleness_ms} replaced */
    public ConitBounds withStalenessMs(long ms) {
        return new ConitBounds(ms, maxUnapplied, maxWeight);
    }

    /** @return a copy with {@code max_unapplied} replaced */
    public ConitBounds withMaxUnapplied(long writes) {
        return new ConitBounds(stalenessMs, writes, maxWeight);
    }

    /** @return a copy with {@code max_weight} replaced */
    public ConitBounds withMaxWeight(double weight) {
        return new ConitBounds(stalenessMs, maxUnapplied, weight);
    }

    /**
     * The pointwise minimum: how a reader's {@code Ripple-Max-Staleness} header overrides a conit's bounds
     * "downward only".
     */
    public ConitBounds tightenedBy(ConitBounds other) {
        return new ConitBounds(Math.min(stalenessMs, other.stalenessMs), Math.min(maxUnapplied, other.maxUnapplied),
                Math.min(maxWeight, other.maxWeight));
    }
}
