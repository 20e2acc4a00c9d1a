package dev.ripple.replica;

/**
 * A replica store could not do what was asked: unreachable, timed out, or holding data of another epoch. The
 * applier retries a failed batch after its backoff (nothing is skipped); the read API answers 503.
 */
public class ReplicaStoreException extends ReplicaException {
    private final boolean retriable;

    public ReplicaStoreException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** False when retrying cannot help (e.g. the store holds positions of another epoch). */
    public boolean retriable() {
        return retriable;
    }
}
