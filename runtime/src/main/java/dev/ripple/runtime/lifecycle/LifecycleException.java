package dev.ripple.runtime.lifecycle;

/** A part failed to start or to close; the cause and the suppressed exceptions say which and why. */
public final class LifecycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
