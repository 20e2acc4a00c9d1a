package dev.ripple.replica;

/**
 * A partition of a replica store no longer holds what its writer applied: its position is gone (Redis restarted
 * empty or was flushed) or belongs to another generation (failed over to another copy, or rebuilt by another
 * writer). Retrying cannot help; the applier takes the partition out of service and rebuilds it (DESIGN.md 7.1).
 */
public final class StoreLostException extends ReplicaStoreException {
    private final int partition;

    public StoreLostException(int partition, String message, Throwable cause) {
        super(message, false, cause);
        this.partition = partition;
    }

    /** The source partition whose data was lost. */
    public int partition() {
        return partition;
    }
}
