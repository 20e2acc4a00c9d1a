package dev.ripple.consistency;

/**
 * Root of every exception thrown by the {@code consistency} module on purpose. Argument checks on records
 * still throw the standard {@link NullPointerException} and {@link IllegalArgumentException}.
 */
public class ConsistencyException extends RuntimeException {

    /** @param message what happened and what the caller can do about it; not null */
    public ConsistencyException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what the caller can do about it; not null
     * @param cause the underlying failure; may be null
     */
    public ConsistencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
