package dev.ripple.cli.tools;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code ripple replay}'s progress line on standard error, at most once a second: records scanned of the estimate,
 * records sent and their rate, and the time left at the pace so far. Not thread-safe.
 */
final class ReplayProgress {
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private Instant last;

    ReplayProgress(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
        this.last = start;
    }

    /**
     * Prints the line if a second passed since the last one (or the start).
     *
     * @param held entries read but not sent yet (they add {@code held / rate} to the time left)
     * @param rate the records a second sending is held to; 0 for none
     */
    void update(long scanned, long total, long sent, long held, double rate) {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(EVERY) < 0) {
            return;
        }
        last = now;
        err.println(line(scanned, total, sent, held, rate, Duration.between(start, now)));
        err.flush();
    }

    /** The time since the start. */
    Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    /**
     * {@code ripple replay: scanned 4000/10000 (40%), sent 1200 (250/s), ETA 24 s}: the time left is the rest of the
     * scan at its pace so far, plus the held entries at the rate.
     */
    static String line(long scanned, long total, long sent, long held, double rate, Duration elapsed) {
        double seconds = Math.max(1e-3, elapsed.toMillis() / 1000.0);
        long percent = total == 0 ? 100 : Math.min(100, scanned * 100 / total);
        double scanLeft = total - Math.min(total, scanned);
        double heldMs = rate > 0 ? held * 1000 / rate : 0;
        String eta = scanned == 0 && scanLeft > 0 ? "unknown"
                : Text.ms((long) ((scanned == 0 ? 0 : scanLeft * seconds * 1000 / scanned) + heldMs));
        return String.format(Locale.ROOT, "ripple replay: scanned %d/%d (%d%%), sent %d (%.0f/s), ETA %s", scanned, total, percent,
                sent, sent / seconds, eta);
    }
}
