package dev.ripple.monitor.dashboard;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's counters and latency histograms at one instant, as cumulative totals: two samples subtract to
 * what happened between them. Immutable.
 *
 * @param at when it was taken, by the history's clock
 * @param counts each measured counter's total per series
 * @param latencies each measured timer's histogram per series
 */
record MeterSample(Instant at, Map<Series, Double> counts, Map<Series, Buckets> latencies) {
    /** The region of a series whose meters have no region tag (the intake's). */
    static final String NO_REGION = "";

    MeterSample {
        Objects.requireNonNull(at, "at");
        counts = Map.copyOf(counts);
        latencies = Map.copyOf(latencies);
    }

    /**
     * One line of a measure: its key ({@link MeterHistory#PUBLISHED}, …) and region, or {@link #NO_REGION}.
     */
    record Series(String measure, String region) {
        Series {
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(region, "region");
        }
    }
}
