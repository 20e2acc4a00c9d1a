package dev.ripple.consistency.history;

/**
 * The anomalies the {@link HistoryChecker} finds, each with its code (as in JSON) and the guarantee it breaks.
 * The README gives the exact rule of each.
 */
public enum AnomalyType {
    /** A served read missed a write the same session had already had acknowledged. */
    STALE_OWN_WRITE("stale-own-write", "read-your-writes"),
    /** A served read returned an older version of a key than an earlier read of the session. */
    REGRESSING_READ("regressing-read", "monotonic reads"),
    /** A replica applied a session's write before an earlier write of that session. */
    SESSION_WRITE_REORDER("session-write-reorder", "monotonic writes"),
    /** A replica applied a write before a version its session had read before issuing it. */
    CAUSAL_DEP_MISSING("causal-dep-missing", "writes-follow-reads"),
    /** A region's applied position claimed an offset while an earlier record of that partition was unapplied there. */
    PREFIX_GAP("prefix-gap", "applied-position prefix"),
    /** A replica applied two records of one source partition in the opposite of their log order. */
    APPLY_ORDER_INVERSION("apply-order-inversion", "per-partition order"),
    /** A returned token did not cover the presented one or the operation's own version, or a client presented an older one. */
    TOKEN_REGRESSION("token-regression", "session-token monotonicity"),
    /** An operation presenting a token of an older epoch was accepted instead of refused (410). */
    TOKEN_RESURRECTION("token-resurrection", "epoch fencing"),
    /** A replica applied the same version twice. */
    DUPLICATE_APPLY("duplicate-apply", "idempotence"),
    /** An acknowledged write never reached a replica, though the history is converged. */
    LOST_WRITE("lost-write", "durability"),
    /** A served read missed more versions, or older ones, than its staleness bound allows. */
    STALENESS_BOUND_EXCEEDED("staleness-bound-exceeded", "bounded staleness"),
    /** Replicas hold different final versions of a key, though the history is converged. */
    DIVERGENCE("divergence", "convergence");

    private final String code;
    private final String guarantee;

    AnomalyType(String code, String guarantee) {
        this.code = code;
        this.guarantee = guarantee;
    }

    /** @return the code used in JSON and by the CLI, e.g. {@code stale-own-write} */
    public String code() {
        return code;
    }

    /** @return the guarantee or property it violates, e.g. {@code read-your-writes} */
    public String guarantee() {
        return guarantee;
    }

    /** @throws IllegalArgumentException if no type has that code */
    public static AnomalyType fromCode(String code) {
        for (AnomalyType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown anomaly type '" + code + "'");
    }
}
