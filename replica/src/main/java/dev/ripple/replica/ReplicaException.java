package dev.ripple.replica;

/**
 * Root of the replica module's exceptions. Messages name the region, partition and offset involved and say what
 * happens next.
 */
public class ReplicaException extends RuntimeException {
    public ReplicaException(String message) {
        super(message);
    }

    public ReplicaException(String message, Throwable cause) {
        super(message, cause);
    }
}
