package dev.ripple.events;

import java.util.Objects;

/**
 * One thing wrong with a document.
 *
 * @param pointer where, as a JSON pointer ({@code ""} for the whole document, {@code /meta/dt} for a field)
 * @param message what is wrong, in words a client developer can act on
 */
public record ValidationProblem(String pointer, String message) {
    public ValidationProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
    }
}
