package dev.ripple.consistency.history;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import java.util.Objects;

/**
 * A write (an edit event published) as the client saw it. Its dependencies are {@code tokenIn}
 * (DESIGN.md section 5.1).
 *
 * @param id unique operation id; not blank
 * @param session the session; not blank
 * @param key the resource key; not blank
 * @param startMs when it was sent, ms
 * @param endMs when it was acknowledged (or failed), ms; at least {@code startMs}
 * @param outcome ok (acknowledged) or failed; not null
 * @param dot the version the log assigned; required when ok, may be null when failed
 * @param tokenIn the token presented; may be null
 * @param tokenOut the token returned; may be null
 */
public record WriteOp(String id, String session, String key, long startMs, long endMs, Outcome outcome, Dot dot,
                      Position tokenIn, Position tokenOut) implements Operation {

    /** What the client learnt about its write. */
    public enum Outcome {
        /** Acknowledged: durable in the source log at {@code dot}. */
        OK,
        /** Refused or failed: the client has no acknowledgement (it may still be in the log if {@code dot} is set). */
        FAILED
    }

    /** @throws IllegalArgumentException naming the operation and field if a value is invalid */
    public WriteOp {
        Checks.notBlank(id, "id", id);
        Checks.notBlank(session, "session", id);
        Checks.notBlank(key, "key", id);
        Checks.times(id, startMs, endMs);
        Objects.requireNonNull(outcome, () -> "outcome of operation " + id);
        if (outcome == Outcome.OK && dot == null) {
            throw new IllegalArgumentException("Invalid write " + id + ": an acknowledged write must have a dot");
        }
    }

    /** An acknowledged write. */
    public static WriteOp ok(String id, String session, String key, long startMs, long endMs, Dot dot,
                             Position tokenIn, Position tokenOut) {
        return new WriteOp(id, session, key, startMs, endMs, Outcome.OK, dot, tokenIn, tokenOut);
    }

    @Override
    public boolean accepted() {
        return outcome == Outcome.OK;
    }

    /** @return a copy with another returned token */
    public WriteOp withTokenOut(Position token) {
        return new WriteOp(id, session, key, startMs, endMs, outcome, dot, tokenIn, token);
    }

    /** @return a copy with another presented token */
    public WriteOp withTokenIn(Position token) {
        return new WriteOp(id, session, key, startMs, endMs, outcome, dot, token, tokenOut);
    }
}
