package dev.ripple.consistency.history;

import dev.ripple.consistency.Dot;
import java.util.Objects;

/**
 * One effective apply at a replica: the store changed to this version. No-ops (the version gate refusing an
 * older record, DESIGN.md section 6.3) are not logged, so a dot logged twice at one replica is an anomaly.
 *
 * @param dot the version applied; not null
 * @param key the resource key; not blank
 * @param atMs when it was applied, ms on the history's clock
 */
public record Apply(Dot dot, String key, long atMs) {

    /** @throws IllegalArgumentException if the key is blank */
    public Apply {
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(key, () -> "key of apply " + dot);
        if (key.isBlank()) {
            throw new IllegalArgumentException("Invalid apply of " + dot + ": key must not be blank");
        }
    }
}
