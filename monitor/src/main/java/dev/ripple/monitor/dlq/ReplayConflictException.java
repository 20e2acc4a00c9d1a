package dev.ripple.monitor.dlq;

/** A replay that cannot be done as asked: the record was replayed already, or cannot be marked. HTTP 409. */
public final class ReplayConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayConflictException(String message) {
        super(message);
    }
}
