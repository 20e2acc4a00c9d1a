package dev.ripple.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * One round of one variant.
 *
 * @param events events processed
 * @param elapsed wall-clock time
 * @param cpu CPU time spent, split between Ripple and the broker
 * @param latency latency percentiles, or null when not measured
 * @param correctness what the output was checked for
 */
public record Measurement(long events, Duration elapsed, CpuMeter.Split cpu, Latency latency,
        Correctness correctness) {
    public Measurement {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(correctness, "correctness");
    }

    /** Events per second. */
    public double rate() {
        return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    /**
     * Latency percentiles in milliseconds.
     *
     * @param p50 median
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param withinSecond the fraction (0 to 1) of events at or under 1,000 ms; an event that never arrived
     *     counts as over
     */
    public record Latency(double p50, double p99, double p999, double withinSecond) {
        /** Percentiles of {@code millis} (sorted in place); an infinite value stands for an event never seen. */
        public static Latency of(double[] millis) {
            Arrays.sort(millis);
            long within = Arrays.stream(millis).filter(m -> m <= 1000).count();
            return new Latency(percentile(millis, 0.50), percentile(millis, 0.99), percentile(millis, 0.999),
                    millis.length == 0 ? 0 : (double) within / millis.length);
        }

        /** The value at quantile {@code q} (0 to 1) of {@code sorted}: the ⌊q × n⌋-th, 0-based; 0 when empty. */
        public static double percentile(double[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
        }
    }
}
