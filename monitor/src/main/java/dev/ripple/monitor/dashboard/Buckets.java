package dev.ripple.monitor.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A latency histogram at one instant, as Prometheus exports it: ascending upper bounds (ms), the cumulative count of
 * observations at or below each, and the total, which includes those above the last bound. Two snapshots of one
 * timer subtract to the observations between them; quantiles are interpolated within a bucket, as
 * {@code histogram_quantile} does. Immutable (the arrays are never written after construction).
 */
record Buckets(double[] boundsMs, double[] cumulative, double total) {
    static final Buckets EMPTY = new Buckets(new double[0], new double[0], 0);

    Buckets {
        if (boundsMs.length != cumulative.length) {
            throw new IllegalArgumentException(boundsMs.length + " bounds for " + cumulative.length + " counts");
        }
    }

    /** The observations since {@code earlier} (a snapshot of the same timer); all of them after a reset. */
    Buckets minus(Buckets earlier) {
        if (earlier == null || earlier.total > total || !Arrays.equals(earlier.boundsMs, boundsMs)) {
            return this;
        }
        double[] counts = new double[cumulative.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cumulative[i] - earlier.cumulative[i];
        }
        return new Buckets(boundsMs, counts, total - earlier.total);
    }

    /**
     * The {@code q} quantile in ms, linear within its bucket (from 0 in the first); the last bound when it lies
     * above every bound; null without observations.
     */
    Double quantile(double q) {
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        for (int i = 0; i < boundsMs.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : boundsMs[i - 1];
                double below = i == 0 ? 0 : cumulative[i - 1];
                return lower + (boundsMs[i] - lower) * (rank - below) / (cumulative[i] - below);
            }
        }
        return boundsMs.length == 0 ? null : boundsMs[boundsMs.length - 1];
    }

    /** Whether the two hold the same counts at the same bounds. */
    boolean sameAs(Buckets other) {
        return other != null && total == other.total && Arrays.equals(boundsMs, other.boundsMs)
                && Arrays.equals(cumulative, other.cumulative);
    }

    /** The sum of several timers' histograms ({@code sum by (le)}); bounds one lacks count as its next lower one. */
    static Buckets sum(List<Buckets> all) {
        if (all.size() == 1) {
            return all.get(0);
        }
        TreeSet<Double> union = new TreeSet<>();
        all.forEach(b -> Arrays.stream(b.boundsMs).forEach(union::add));
        double[] bounds = union.stream().mapToDouble(Double::doubleValue).toArray();
        double[] counts = new double[bounds.length];
        double total = 0;
        for (Buckets b : all) {
            total += b.total;
            int j = -1;
            for (int i = 0; i < bounds.length; i++) {
                while (j + 1 < b.boundsMs.length && b.boundsMs[j + 1] <= bounds[i]) {
                    j++;
                }
                counts[i] += j < 0 ? 0 : b.cumulative[j];
            }
        }
        return new Buckets(bounds, counts, total);
    }
}
