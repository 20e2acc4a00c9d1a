package dev.ripple.runtime.lifecycle;

/**
 * The lifecycle of every long-running Ripple component: one vocabulary for the intake, the
 * propagator, the appliers, the purgers, the feeds, the trackers and {@code ripple up}.
 *
 * <pre>
 *   NEW ──► STARTING ──► RUNNING ──► STOPPING ──► STOPPED
 *   NEW, STARTING ──► STOPPING               (closed before it ran)
 *   STARTING, RUNNING ──► FAILED ──► STOPPING (failed; closed afterwards)
 * </pre>
 *
 * A component is ready only in {@link #RUNNING}. {@link #STOPPED} is final; {@link #FAILED} is left only by
 * closing. Transitions are checked by {@link Lifecycle}.
 */
public enum State {
    /** Built, not started; holds nothing that needs closing beyond what its constructor opened. */
    NEW,
    /** {@code start()} is under way (connecting, waiting for a first assignment or rebalance). */
    STARTING,
    /** Doing its work; the only ready state. */
    RUNNING,
    /** {@code close()} is under way. */
    STOPPING,
    /** Closed; final. */
    STOPPED,
    /** Stopped working after an error; {@code failure()} says which. Closing it releases what it holds. */
    FAILED;

    /** Whether the diagram above allows going from this state to {@code next}. */
    public boolean isValidTransition(State next) {
        return switch (this) {
            case NEW -> next == STARTING || next == STOPPING;
            case STARTING -> next == RUNNING || next == STOPPING || next == FAILED;
            case RUNNING -> next == STOPPING || next == FAILED;
            case STOPPING -> next == STOPPED;
            case FAILED -> next == STOPPING;
            case STOPPED -> false;
        };
    }

    /** Whether {@code close()} has begun or finished ({@link #STOPPING} or {@link #STOPPED}). */
    public boolean isClosing() {
        return this == STOPPING || this == STOPPED;
    }
}
