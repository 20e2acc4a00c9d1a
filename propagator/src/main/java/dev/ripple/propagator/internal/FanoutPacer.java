package dev.ripple.propagator.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Back pressure for fan-outs (DESIGN.md 14), shared by the tasks of one propagator: invalidation requests and derived
 * events go through the same stream threads as direct edits, and Streams takes the oldest record first, so once
 * fan-outs write faster than the threads route, every direct edit waits behind them. The pacer watches how long the
 * propagator's own lanes ({@code ripple.deps}, {@code ripple.derived}) took from being written to being routed, and
 * gives each stream's walks a share of their configured {@code fanout_rate_per_s}:
 * <ul>
 *   <li>a stream whose walks start after a pause starts at {@value #START_SHARE} of its rate (the lanes' lag shows
 *       only after a commit, by which time a full rate may have queued a second of work);</li>
 *   <li>while the lag is past the stream's {@code fanout_max_lag_ms}, the share is cut in proportion (to at most
 *       half), at most once per lag, the time a cut takes to show, and never below {@value #MIN_SHARE}, so a
 *       fan-out always moves;</li>
 *   <li>while it is not, the share gains {@value #INCREASE} per {@link DependencyTracker#STEP}, up to the whole
 *       rate.</li>
 * </ul>
 * Times are the tasks' wall clock. Thread-safe.
 */
final class FanoutPacer {
    /** The smallest share of its rate a stream's walks keep, however far behind the lanes are. */
    static final double MIN_SHARE = 0.01;
    /** The share a stream's walks start at after a pause. */
    static final double START_SHARE = 0.05;
    /** What a share gains per step while the lanes keep up. */
    static final double INCREASE = 0.02;
    /** A stream whose walks asked for no share this long starts again at {@link #START_SHARE}. */
    static final long PAUSE_MS = 1_000;
    private static final long STEP_MS = DependencyTracker.STEP.toMillis();
    /** The time of a cut never made: far enough back that no lag is longer, near enough not to overflow. */
    private static final long NEVER = Long.MIN_VALUE / 4;

    /**
     * @param value the share of the rate
     * @param updated when it was last reconsidered
     * @param cut when it was last cut
     */
    private record Share(double value, long updated, long cut) {}

    private final Map<String, Share> shares = new HashMap<>();
    private long bucketStart;
    private long bucketMax;
    private long previousMax;

    /** A record of the propagator's own lanes, written at {@code writtenMs}, routed at {@code nowMs}. */
    synchronized void observe(long writtenMs, long nowMs) {
        roll(nowMs);
        bucketMax = Math.max(bucketMax, nowMs - writtenMs);
    }

    /** The longest lag observed over the last one to two steps, in ms; 0 when the lanes were idle. */
    synchronized long recentLagMs(long nowMs) {
        roll(nowMs);
        return Math.max(bucketMax, previousMax);
    }

    /**
     * The share of its {@code fanout_rate_per_s} that {@code stream}'s walks may use now, reconsidered at most once
     * per step.
     */
    synchronized double share(String stream, long maxLagMs, long nowMs) {
        Share held = shares.get(stream);
        if (held == null || nowMs - held.updated() > PAUSE_MS) {
            held = new Share(START_SHARE, nowMs - STEP_MS, NEVER);
        }
        if (nowMs - held.updated() < STEP_MS) {
            return held.value();
        }
        long lag = recentLagMs(nowMs);
        Share next;
        if (lag <= maxLagMs) {
            next = new Share(Math.min(1.0, held.value() + INCREASE), nowMs, held.cut());
        } else if (nowMs - held.cut() >= lag) {
            // a cut shows once the records written before it are routed: one lag later
            double cut = Math.max(MIN_SHARE, held.value() * Math.min(0.5, (double) maxLagMs / lag));
            next = new Share(cut, nowMs, nowMs);
        } else {
            next = new Share(held.value(), nowMs, held.cut());
        }
        shares.put(stream, next);
        return next.value();
    }

    private void roll(long nowMs) {
        if (nowMs - bucketStart < STEP_MS) {
            return;
        }
        previousMax = nowMs - bucketStart < 2 * STEP_MS ? bucketMax : 0;
        bucketMax = 0;
        bucketStart = nowMs;
    }
}
