package dev.ripple.replica;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a region may serve a key now, beyond the session and staleness headers of the request: the hook through
 * which a conit's {@code gate-reads} enforcement holds reads at a region that is past the conit's bounds, or whose
 * standing is unknown (DESIGN.md section 6.2). A closed gate makes the read wait, redirect or refuse like any other
 * violation: problem type {@code staleness-bound-exceeded} (409) when a bound is exceeded, {@code conit-status-unknown}
 * (503) when nothing says whether it is. Must be fast and thread-safe.
 */
public interface ReadGate {
    /** Never closed. */
    ReadGate OPEN = (region, key) -> Optional.empty();

    /** Why {@code region} may not serve {@code key} now, or empty when it may. */
    Optional<Closed> closed(String region, String key);

    /**
     * Registers {@code listener} to run whenever the gate may have opened (a new conit status arrived), so that reads
     * waiting on it are checked again at once. The default never calls it: such a gate changes only as positions do.
     */
    default void onChange(Runnable listener) {}

    /**
     * Why a gate is closed.
     *
     * @param unknown true when the region's standing is unknown (no status, or one too old), false when a bound is
     *     exceeded
     * @param detail one or two sentences for the problem's {@code detail}; not null
     */
    record Closed(boolean unknown, String detail) {
        public Closed {
            Objects.requireNonNull(detail, "detail");
        }

        /** A bound is exceeded. */
        public static Closed exceeded(String detail) {
            return new Closed(false, detail);
        }

        /** Nothing says whether the bounds hold. */
        public static Closed unknown(String detail) {
            return new Closed(true, detail);
        }
    }
}
