package dev.ripple.replica;

import java.util.Optional;

/**
 * Whether a region may serve a key now, beyond the session and staleness headers of the request: the hook through
 * which a conit's {@code gate-reads} enforcement holds reads at a region that is past the conit's bounds
 * (DESIGN.md section 6.2). A closed gate makes the read wait, redirect or refuse like any other violation, with
 * problem type {@code staleness-bound-exceeded}. Must be fast and thread-safe.
 */
@FunctionalInterface
public interface ReadGate {
    /** Never closed. */
    ReadGate OPEN = (region, key) -> Optional.empty();

    /** Why {@code region} may not serve {@code key} now, or empty when it may. */
    Optional<String> closed(String region, String key);
}
