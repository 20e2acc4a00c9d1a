package dev.ripple.consistency.history;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import java.util.Objects;

/**
 * A read through the read API, as the client saw it.
 *
 * @param id unique operation id; not blank
 * @param session the session; not blank
 * @param key the resource key; not blank
 * @param region the region asked (and, when served, the one that served it); not blank
 * @param startMs when it was sent, ms
 * @param endMs when the answer arrived, ms; at least {@code startMs}
 * @param outcome ok, waited, redirected or refused; not null
 * @param dot the version returned; null if the key had no version there, and always null when not served
 * @param applied the serving region's applied position ({@code Ripple-Applied-Position}); required when served
 * @param tokenIn the token presented; may be null
 * @param tokenOut the token returned; may be null
 * @param bound the staleness bound in force for this read; null means the history's default
 */
public record ReadOp(String id, String session, String key, String region, long startMs, long endMs, Outcome outcome,
                     Dot dot, Position applied, Position tokenIn, Position tokenOut, StalenessBound bound)
        implements Operation {

    /** How the read API answered (DESIGN.md section 6.1). */
    public enum Outcome {
        /** Served at once (200). */
        OK,
        /** Served after waiting for the region to catch up (200, {@code waited=<ms>}). */
        WAITED,
        /** Not served; the client was sent to another region (409 with {@code Ripple-Redirect-Region}). */
        REDIRECTED,
        /** Not served (409). */
        REFUSED;

        /** @return true for OK and WAITED */
        public boolean served() {
            return this == OK || this == WAITED;
        }
    }

    /** @throws IllegalArgumentException naming the operation and field if a value is invalid */
    public ReadOp {
        Checks.notBlank(id, "id", id);
        Checks.notBlank(session, "session", id);
        Checks.notBlank(key, "key", id);
        Checks.notBlank(region, "region", id);
        Checks.times(id, startMs, endMs);
        Objects.requireNonNull(outcome, () -> "outcome of operation " + id);
        if (outcome.served() && applied == null) {
            throw new IllegalArgumentException("Invalid read " + id + ": a served read must record the region's applied position");
        }
        if (!outcome.served() && dot != null) {
            throw new IllegalArgumentException("Invalid read " + id + ": it was " + outcome.name().toLowerCase()
                    + ", so it cannot have returned " + dot);
        }
    }

    /** A read served at once. */
    public static ReadOp ok(String id, String session, String key, String region, long startMs, long endMs, Dot dot,
                            Position applied, Position tokenIn, Position tokenOut) {
        return new ReadOp(id, session, key, region, startMs, endMs, Outcome.OK, dot, applied, tokenIn, tokenOut, null);
    }

    @Override
    public boolean accepted() {
        return outcome.served();
    }

    /** @return a copy with another staleness bound (null: the history's default) */
    public ReadOp withBound(StalenessBound newBound) {
        return new ReadOp(id, session, key, region, startMs, endMs, outcome, dot, applied, tokenIn, tokenOut, newBound);
    }

    /** @return a copy with another outcome; the dot is dropped when it is no longer served */
    public ReadOp withOutcome(Outcome newOutcome) {
        return new ReadOp(id, session, key, region, startMs, endMs, newOutcome, newOutcome.served() ? dot : null,
                applied, tokenIn, tokenOut, bound);
    }
}
