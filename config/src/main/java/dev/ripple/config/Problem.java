package dev.ripple.config;

import java.util.Objects;

/**
 * One thing wrong with a document.
 *
 * @param field the JSON path of the field, e.g. {@code match.key} or {@code bounds.staleness_ms}; {@code ""} for
 *     the document as a whole
 * @param message what is wrong and what would be right
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
