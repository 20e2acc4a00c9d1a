package dev.ripple.bench;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A progress line (rate, elapsed, ETA), rewritten in place every half second while a round runs. */
public final class Progress implements AutoCloseable {
    private final PrintWriter out;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService ticker;

    Progress(PrintWriter out, String label, long total, boolean live) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.ticker = live ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ripple-bench-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::print, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    /** Counts {@code events} more as done. Thread-safe. */
    public void advance(long events) {
        done.addAndGet(events);
    }

    /** Prints {@code text} as a line of its own that stays (e.g. one per step of a search), above the live line. */
    public synchronized void line(String text) {
        out.print("\r" + " ".repeat(110) + "\r" + text + System.lineSeparator());
        out.flush();
    }

    private synchronized void print() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long now = done.get();
        double rate = now / Math.max(elapsed, 1e-9);
        String eta = rate > 0 ? String.format("%5.1f s", (total - now) / rate) : "    –  ";
        out.printf("\r  %-40s %,10d/%,d  %,9.0f/s  elapsed %5.1f s  ETA %s   ", label, now, total, rate,
                elapsed, eta);
        out.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            out.print("\r" + " ".repeat(110) + "\r");
            out.flush();
        }
    }
}
