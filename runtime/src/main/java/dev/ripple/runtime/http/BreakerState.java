package dev.ripple.runtime.http;

/**
 * The state of a purge target's circuit breaker. While one is {@link #OPEN} (or {@link #FORCED_OPEN}) the purger
 * pauses its partitions: lag grows and nothing is dropped.
 */
public enum BreakerState {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Calls are held back until the open wait has passed. */
    OPEN,
    /** A few trial calls decide whether to close again. */
    HALF_OPEN,
    /** Held open by an operator. */
    FORCED_OPEN,
    /** Not guarding (disabled or metrics only). */
    DISABLED;

    /** Whether partitions are paused in this state. */
    public boolean holdsBack() {
        return this == OPEN || this == FORCED_OPEN;
    }
}
