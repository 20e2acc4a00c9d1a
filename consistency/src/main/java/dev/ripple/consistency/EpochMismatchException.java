package dev.ripple.consistency;

/**
 * Two positions of different epochs were combined or compared. Offsets of different epochs refer to
 * different incarnations of the source topics, so no order between them is meaningful; callers decide
 * (the token layer refuses the older one with {@link SessionTokenException.StaleEpoch}).
 */
public final class EpochMismatchException extends ConsistencyException {

    private final long left;
    private final long right;

    /**
     * @param operation the operation attempted, for the message ("merge", "dominates", ...)
     * @param left the epoch of the receiver
     * @param right the epoch of the argument
     */
    public EpochMismatchException(String operation, long left, long right) {
        super("Cannot " + operation + " a position of epoch " + left + " with one of epoch " + right
                + ": offsets of different epochs are not comparable; refuse or re-issue the older one");
        this.left = left;
        this.right = right;
    }

    /** @return the epoch of the receiver of the failed operation */
    public long leftEpoch() {
        return left;
    }

    /** @return the epoch of the argument of the failed operation */
    public long rightEpoch() {
        return right;
    }
}
