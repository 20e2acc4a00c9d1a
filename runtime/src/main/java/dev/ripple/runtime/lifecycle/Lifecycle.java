package dev.ripple.runtime.lifecycle;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current {@link State} of one component, changed only along {@link State#isValidTransition legal
 * transitions}. Thread-safe: each change is atomic, so a worker failing and a caller closing cannot both win.
 */
public final class Lifecycle {
    private final String component;
    private final AtomicReference<State> state;

    private Lifecycle(String component, State initial) {
        this.component = Objects.requireNonNull(component, "component");
        this.state = new AtomicReference<>(initial);
    }

    /**
     * A lifecycle in {@link State#NEW}.
     *
     * @param component what it belongs to, for messages ("the applier of region eqiad")
     */
    public static Lifecycle of(String component) {
        return new Lifecycle(component, State.NEW);
    }

    /** A lifecycle already {@link State#RUNNING}, for a component that starts in its constructor or factory. */
    public static Lifecycle running(String component) {
        return new Lifecycle(component, State.RUNNING);
    }

    /** The state now. */
    public State state() {
        return state.get();
    }

    /**
     * Moves from {@code from} to {@code to}.
     *
     * @throws IllegalStateException naming both states if the transition is illegal, or naming the component's
     *     state if it is not {@code from}
     */
    public void transition(State from, State to) {
        requireLegal(from, to);
        if (!state.compareAndSet(from, to)) {
            throw new IllegalStateException("Cannot move " + component + " from " + from + " to " + to + ": it is "
                    + state.get());
        }
    }

    /**
     * Moves to {@code to} from whatever the state is now.
     *
     * @return the state before
     * @throws IllegalStateException naming both states if going from the state now to {@code to} is illegal
     */
    public State to(State to) {
        Objects.requireNonNull(to, "to");
        return state.getAndUpdate(now -> {
            requireLegal(now, to);
            return to;
        });
    }

    /**
     * Moves to {@code to} if that is legal from the state now, else leaves the state as it is (a failure reported
     * while closing, a second {@code close()}).
     *
     * @return the state before; the move happened iff {@code before.isValidTransition(to)}
     */
    public State toIfLegal(State to) {
        Objects.requireNonNull(to, "to");
        return state.getAndUpdate(now -> now.isValidTransition(to) ? to : now);
    }

    private void requireLegal(State from, State to) {
        if (!from.isValidTransition(to)) {
            throw new IllegalStateException("Illegal transition from " + from + " to " + to + " for " + component);
        }
    }

    @Override
    public String toString() {
        return component + " (" + state.get() + ")";
    }
}
