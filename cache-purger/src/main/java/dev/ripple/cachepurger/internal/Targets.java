package dev.ripple.cachepurger.internal;

import java.util.concurrent.atomic.AtomicReference;

/** The current {@link TargetSet}, swapped when the config changes. Thread-safe. */
final class Targets {
    private final AtomicReference<TargetSet> current;

    Targets(TargetSet initial) {
        current = new AtomicReference<>(initial);
    }

    /**
     * The current set, retained: {@link TargetSet#release()} it when done.
     *
     * @throws IllegalStateException once closed
     */
    TargetSet acquire() {
        while (true) {
            TargetSet set = current.get();
            if (set.retain()) {
                return set;
            }
            if (current.get() == set) {
                throw new IllegalStateException("The purge targets are closed");
            }
        }
    }

    /** The current set, not retained: for reading states. */
    TargetSet current() {
        return current.get();
    }

    /** Puts {@code next} in force; the old set closes once its batches are done. */
    void swap(TargetSet next) {
        current.getAndSet(next).release();
    }

    /** Closes the current set once its batches are done. */
    void close() {
        current.get().release();
    }
}
