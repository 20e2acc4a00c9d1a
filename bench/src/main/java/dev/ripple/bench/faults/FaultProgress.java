package dev.ripple.bench.faults;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault run's progress line, rewritten in place every second: elapsed time, the load's counts, faults so far and
 * what is happening now. Finished faults are printed above it as lines of their own. Thread-safe.
 */
final class FaultProgress implements AutoCloseable {
    private final PrintWriter out;
    private final SessionLoad load;
    private final Clock clock;
    private final long startMs;
    private final Duration duration;
    private final AtomicReference<String> status = new AtomicReference<>("load running");
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger recovered = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ripple-faults-progress");
        t.setDaemon(true);
        return t;
    });

    FaultProgress(PrintWriter out, SessionLoad load, Clock clock, long startMs, Duration duration) {
        this.out = out;
        this.load = load;
        this.clock = clock;
        this.startMs = startMs;
        this.duration = duration;
        ticker.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
    }

    /** What is happening now, e.g. {@code kill -9 replica eqiad #1: waiting for its twin}. */
    void status(String now) {
        status.set(now);
    }

    /** Prints a finished fault on a line of its own. */
    synchronized void finished(Fault fault) {
        faults.incrementAndGet();
        recovered.addAndGet(fault.recovered() ? 1 : 0);
        status.set("load running");
        clear();
        out.printf("  %6.1f s  %-12s %-22s %s%n", fault.atMs() / 1000.0, fault.kind().code(), fault.target(),
                fault.recovered() ? String.format("recovered in %.1f s", fault.recovery().toMillis() / 1000.0)
                : "NOT recovered");
        out.flush();
    }

    private synchronized void print() {
        SessionLoad.Counts counts = load.counts();
        out.printf("\r  %5.0f/%d s  writes %,d ok %,d failed  reads %,d served %,d refused  faults %d (%d recovered)"
                + "  %-50.50s", (clock.millis() - startMs) / 1000.0, duration.toSeconds(), counts.writesOk(),
                counts.writesFailed(), counts.readsServed(), counts.readsRefused(), faults.get(), recovered.get(),
                status.get());
        out.flush();
    }

    private void clear() {
        out.print("\r" + " ".repeat(170) + "\r");
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        clear();
        out.flush();
    }
}
