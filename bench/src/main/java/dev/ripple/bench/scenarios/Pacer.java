package dev.ripple.bench.scenarios;

import java.util.concurrent.locks.LockSupport;

/** Issues events at a fixed rate: event i is due {@code i / rate} seconds after the first (open loop). */
final class Pacer {
    private final long start = System.nanoTime();
    private final long intervalNanos;

    /** @param perSecond events per second, at least 1 */
    Pacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("Invalid value " + perSecond + " for rate: must be at least 1/s");
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
    }

    /** Parks until event {@code i} is due; returns at once when it is late (no catching up by bursts lost). */
    void awaitTurn(int i) {
        long due = start + i * intervalNanos;
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
            LockSupport.parkNanos(due - now);
        }
    }
}
