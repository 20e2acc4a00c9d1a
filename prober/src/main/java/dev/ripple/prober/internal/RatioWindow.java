package dev.ripple.prober.internal;

import java.util.Arrays;

/**
 * Judged and consistent counts over a sliding window, in {@link #BUCKETS} buckets (the oldest bucket is dropped
 * whole, so the window is exact to a bucket's width). Thread-safe.
 */
final class RatioWindow {
    static final int BUCKETS = 60;

    private final long bucketMs;
    private final long[] starts = new long[BUCKETS];
    private final long[] judged = new long[BUCKETS];
    private final long[] consistent = new long[BUCKETS];

    RatioWindow(long windowMs) {
        this.bucketMs = Math.max(1, windowMs / BUCKETS);
        Arrays.fill(starts, Long.MIN_VALUE);
    }

    synchronized void add(boolean wasConsistent, long nowMs) {
        int i = bucket(nowMs);
        judged[i]++;
        if (wasConsistent) {
            consistent[i]++;
        }
    }

    /** {@code {judged, consistent}} within the window ending at {@code nowMs}. */
    synchronized long[] counts(long nowMs) {
        long oldest = (nowMs / bucketMs - BUCKETS + 1) * bucketMs;
        long j = 0;
        long c = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (starts[i] >= oldest && starts[i] <= nowMs) {
                j += judged[i];
                c += consistent[i];
            }
        }
        return new long[] {j, c};
    }

    /** consistent / judged in the window, NaN when nothing was judged. */
    double ratio(long nowMs) {
        long[] counts = counts(nowMs);
        return counts[0] == 0 ? Double.NaN : (double) counts[1] / counts[0];
    }

    private int bucket(long nowMs) {
        long start = nowMs / bucketMs * bucketMs;
        int i = (int) Math.floorMod(nowMs / bucketMs, (long) BUCKETS);
        if (starts[i] != start) {
            starts[i] = start;
            judged[i] = 0;
            consistent[i] = 0;
        }
        return i;
    }
}
