package dev.ripple.propagator;

/** The root of every exception the propagator throws. Unchecked. */
public class PropagatorException extends RuntimeException {
    public PropagatorException(String message) {
        super(message);
    }

    public PropagatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
