package dev.ripple.prober.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * At most {@code max} looks under way; a look beyond them waits its turn, in order, and starts on the executor when
 * one ends. A look is never refused here: the prober refuses whole samples instead, while the gate has no room to
 * spare ({@link #hasRoom()}), so that every delay of an admitted write is judged. Thread-safe.
 */
final class LookGate {
    /** A look that holds a place under way from {@link #submit} until it calls {@link #release()}. */
    interface Look {
        void start();
    }

    private final int max;
    private final int headroom;
    private final Executor executor;
    private final Queue<Look> waiting = new ArrayDeque<>();
    private int underWay;

    /**
     * @param max looks under way at most
     * @param executor where a look that waited starts (never the thread of the look that ended)
     */
    LookGate(int max, Executor executor) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.headroom = Math.max(1, max / 4);
        this.executor = executor;
    }

    /**
     * Whether a new sample may be taken: no look waits, and a quarter of the places (at least one) are free for the
     * looks it will add.
     */
    synchronized boolean hasRoom() {
        return waiting.isEmpty() && max - underWay >= headroom;
    }

    /** Starts {@code look} now on this thread if a place is free, else when one is. */
    void submit(Look look) {
        synchronized (this) {
            if (underWay >= max) {
                waiting.add(look);
                return;
            }
            underWay++;
        }
        look.start();
    }

    /** Ends a look: its place goes to the look waiting longest, if any. */
    void release() {
        Look next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                underWay--;
                return;
            }
        }
        try {
            executor.execute(next::start);
        } catch (RejectedExecutionException closing) {
            synchronized (this) {
                underWay--;
            }
        }
    }

    synchronized int underWay() {
        return underWay;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
