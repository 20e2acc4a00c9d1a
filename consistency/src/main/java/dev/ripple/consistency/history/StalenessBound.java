package dev.ripple.consistency.history;

/**
 * The staleness a read may have (the {@code Ripple-Max-Staleness} header, or the conit's bound): how many
 * acknowledged versions of the key it may miss, and for how long. {@link Long#MAX_VALUE} means unbounded.
 *
 * @param ms the most milliseconds since the oldest missed write was acknowledged; at least 0
 * @param versions the most acknowledged writes of the key the read may miss; at least 0
 */
public record StalenessBound(long ms, long versions) {

    /** No bound. */
    public static final StalenessBound UNBOUNDED = new StalenessBound(Long.MAX_VALUE, Long.MAX_VALUE);

    /** @throws IllegalArgumentException if a value is negative */
    public StalenessBound {
        if (ms < 0 || versions < 0) {
            throw new IllegalArgumentException("Invalid staleness bound ms=" + ms + ", versions=" + versions
                    + ": both must be at least 0");
        }
    }

    /** @return true if neither part bounds anything */
    public boolean isUnbounded() {
        return ms == Long.MAX_VALUE && versions == Long.MAX_VALUE;
    }
}
