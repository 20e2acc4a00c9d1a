package dev.ripple.consistency;

import java.util.Objects;

/**
 * The session-guarantee rules of DESIGN.md section 5.1, as pure functions over position vectors. One
 * vector S per session (Bayou's read and write sets merged):
 * <ul>
 *   <li>a write w returns {@code S ⊔ {p(w): o(w)}} and carries S as its dependencies;</li>
 *   <li>a read of key k at region R is served only if {@code applied(R) ≥ S}, and returns
 *       {@code S ⊔ {p(k): applied(R)[p(k)]}}.</li>
 * </ul>
 * Together: read-your-writes and monotonic reads on reads, monotonic writes and writes-follow-reads on writes.
 *
 * <p>Stateless and thread-safe. Every method throws {@link EpochMismatchException} when its positions are
 * of different epochs; decode tokens with {@link SessionTokenCodec#decode} first, which refuses stale ones.
 */
public final class SessionGuarantees {

    private SessionGuarantees() {
    }

    /**
     * May region R serve a read of this session now?
     *
     * @param session the session vector S; not null ({@code Position.empty(epoch)} without a token)
     * @param applied the applied position of region R; not null
     * @return servable iff {@code applied ≥ session}, with what R lacks otherwise
     */
    public static ReadCheck checkRead(Position session, Position applied) {
        Objects.requireNonNull(applied, "applied");
        var missing = applied.missingFrom(Objects.requireNonNull(session, "session"));
        return new ReadCheck(missing.isEmpty(), missing);
    }

    /** @return true iff {@code applied ≥ session}: a shorthand for {@code checkRead(...).servable()} */
    public static boolean canServeRead(Position session, Position applied) {
        return Objects.requireNonNull(applied, "applied").dominates(Objects.requireNonNull(session, "session"));
    }

    /**
     * The session vector after a served read: {@code S ⊔ {p(k): applied(R)[p(k)]}}. Only the key's partition
     * is taken from R, so the session does not demand more of the next region than it has seen.
     *
     * @param session the session vector S; not null
     * @param applied the applied position of the region that served the read; not null
     * @param keyPartition the source partition of the key read; not null
     */
    public static Position afterRead(Position session, Position applied, TopicPartitionKey keyPartition) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(keyPartition, "keyPartition");
        if (session.epoch() != applied.epoch()) {
            throw new EpochMismatchException("merge", session.epoch(), applied.epoch());
        }
        long seen = applied.offset(keyPartition);
        return seen > session.offset(keyPartition) ? session.withOffset(keyPartition, seen) : session;
    }

    /**
     * The session vector after an acknowledged write: {@code S ⊔ {p(w): o(w)}}.
     *
     * @param session the session vector S the write carried; not null
     * @param written the dot the log assigned to the write; not null
     */
    public static Position afterWrite(Position session, Dot written) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(written, "written");
        return session.offset(written.partition()) >= written.offset()
                ? session : session.withOffset(written.partition(), written.offset());
    }

    /**
     * The dependencies a write must carry: the session vector S as it was before the write. A replica applies
     * the write only once its applied position dominates them (section 5.2).
     *
     * @param session the session vector S; not null
     * @return {@code session} itself (positions are immutable)
     */
    public static Position writeDependencies(Position session) {
        return Objects.requireNonNull(session, "session");
    }

    /**
     * May a replica apply a record with these dependencies now (section 5.2)? If not, it pauses the record's
     * partition until its applied position covers them.
     *
     * @param applied the replica's applied position; not null
     * @param dependencies the record's dependencies; not null
     */
    public static boolean canApply(Position applied, Position dependencies) {
        return Objects.requireNonNull(applied, "applied").dominates(Objects.requireNonNull(dependencies, "dependencies"));
    }
}
