package dev.ripple.consistency.history;

import dev.ripple.consistency.Position;

/**
 * One client operation of a history: a {@link WriteOp} or a {@link ReadOp}. The operations of one session
 * are sequential; the checker orders them by {@link #startMs()}, ties by their order in the history.
 * Times are milliseconds on one clock (any origin).
 */
public sealed interface Operation permits WriteOp, ReadOp {

    /** @return the operation id, unique in the history; not blank */
    String id();

    /** @return the client session that issued it; not blank */
    String session();

    /** @return the resource key; not blank */
    String key();

    /** @return when the client sent the request, ms */
    long startMs();

    /** @return when the client received the answer (for a write: the acknowledgement), ms; at least {@code startMs} */
    long endMs();

    /** @return the decoded session token the client presented, or null if it presented none */
    Position tokenIn();

    /** @return the decoded session token the service returned, or null if it returned none */
    Position tokenOut();

    /** @return true if the service accepted the operation: an acknowledged write or a served read */
    boolean accepted();
}
