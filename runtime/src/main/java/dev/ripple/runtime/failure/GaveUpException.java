package dev.ripple.runtime.failure;

/**
 * A guarded call was given up: its target refused the record, kept answering with errors until the attempts were
 * spent, or the call failed for a fatal reason. The cause is the last failure.
 */
public final class GaveUpException extends RuntimeException {
    private final int attempts;

    /**
     * @param target the target called
     * @param attempts how many attempts were made, at least 1
     * @param cause the last failure
     */
    public GaveUpException(String target, int attempts, Throwable cause) {
        super("Target " + target + " gave up after " + attempts + " attempt(s): " + Failures.describe(cause), cause);
        this.attempts = attempts;
    }

    /** Attempts made, at least 1. */
    public int attempts() {
        return attempts;
    }

    /** How the last failure was classified. */
    public FailureKind kind() {
        return Failures.classify(getCause());
    }
}
