package dev.ripple.consistency.history;

import java.util.Objects;

/** Validation helpers for the history records; messages name the operation and field. */
final class Checks {

    private Checks() {
    }

    static String notBlank(String value, String field, String id) {
        Objects.requireNonNull(value, () -> field + " of operation " + id);
        if (value.isBlank()) {
            throw new IllegalArgumentException("Invalid " + field + " of operation " + id + ": must not be blank");
        }
        return value;
    }

    static void times(String id, long startMs, long endMs) {
        if (endMs < startMs) {
            throw new IllegalArgumentException("Invalid times of operation " + id + ": end_ms " + endMs
                    + " is before start_ms " + startMs);
        }
    }
}
