package dev.ripple.runtime.failure;

/** A call was not made because its target's circuit breaker is open: {@link FailureKind#RETRIABLE}. */
public final class BreakerOpenException extends RuntimeException {
    /** @param target the target whose breaker is open */
    public BreakerOpenException(String target) {
        super("The circuit breaker of target " + target + " is open", null, false, false);
    }
}
