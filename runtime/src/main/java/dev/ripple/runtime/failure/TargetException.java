package dev.ripple.runtime.failure;

/**
 * A target (an HTTP node, a cache, a Redis script) answered a call with an error: an HTTP status, or a refusal of
 * the one record. {@link Failures#classify} reads it.
 */
public final class TargetException extends RuntimeException {
    private final int status;
    private final boolean refused;

    private TargetException(String message, int status, boolean refused) {
        super(message);
        this.status = status;
        this.refused = refused;
    }

    /** A node of {@code target} at {@code node} answered HTTP {@code status}. */
    public static TargetException status(String target, String node, int status) {
        return new TargetException("Target " + target + ": " + node + " answered " + status, status, false);
    }

    /** {@code target} refused the record for what it is (it will refuse it again): never retried. */
    public static TargetException refused(String target, String detail) {
        return new TargetException("Target " + target + " refused the purge: " + detail, 0, true);
    }

    /** The HTTP status, or 0 for a refusal. */
    public int status() {
        return status;
    }

    /** Whether this is a refusal rather than a status. */
    public boolean refused() {
        return refused;
    }
}
