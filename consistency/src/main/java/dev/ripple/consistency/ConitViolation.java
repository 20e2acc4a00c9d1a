package dev.ripple.consistency;

import java.util.Objects;

/**
 * One bound a conit exceeds at a region, and by how much.
 *
 * @param bound which bound; not null
 * @param limit the bound's value (ms, writes or weight)
 * @param actual the measured value, greater than {@code limit}
 */
public record ConitViolation(Bound bound, double limit, double actual) {

    /** The three bounds of a conit, with their configuration names. */
    public enum Bound {
        STALENESS_MS("staleness_ms"),
        MAX_UNAPPLIED("max_unapplied"),
        MAX_WEIGHT("max_weight");

        private final String configName;

        Bound(String configName) {
            this.configName = configName;
        }

        /** @return the name used in conit documents and problem bodies */
        public String configName() {
            return configName;
        }
    }

    /** @throws IllegalArgumentException unless {@code actual > limit} */
    public ConitViolation {
        Objects.requireNonNull(bound, "bound");
        if (!(actual > limit)) {
            throw new IllegalArgumentException("Not a violation of " + bound.configName() + ": actual " + actual
                    + " does not exceed limit " + limit);
        }
    }

    /** @return {@code actual − limit} */
    public double excess() {
        return actual - limit;
    }

    @Override
    public String toString() {
        return bound.configName() + " exceeded: " + fmt(actual) + " > " + fmt(limit) + " (by " + fmt(excess()) + ")";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
