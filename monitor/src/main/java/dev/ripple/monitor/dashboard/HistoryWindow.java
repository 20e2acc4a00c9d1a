package dev.ripple.monitor.dashboard;

import static dev.ripple.monitor.dashboard.Views.object;

import dev.ripple.monitor.dashboard.MeterSample.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The samples that span one window, and what the dashboard derives from them: per measure and region, the rate
 * over the window and the latency percentiles of what happened in it, and a chart of each in at most
 * {@value #POINTS} steps. Immutable.
 */
final class HistoryWindow {
    /** The most points of a chart, whatever the window. */
    static final int POINTS = 60;

    private final Duration length;
    private final Duration step;
    private final List<MeterSample> samples;
    private final List<MeterSample> points;

    /** @param samples oldest first: the one at or before the window's start (if kept), then every later one */
    HistoryWindow(Duration length, Duration sampleInterval, List<MeterSample> samples) {
        this.length = Objects.requireNonNull(length, "length");
        this.step = step(length, sampleInterval);
        this.samples = List.copyOf(samples);
        this.points = thin(this.samples, step);
    }

    /** The step of a chart of {@code length} from samples {@code interval} apart: at most {@value #POINTS} steps. */
    static Duration step(Duration length, Duration interval) {
        Duration even = length.dividedBy(POINTS);
        return even.compareTo(interval) > 0 ? even : interval;
    }

    Duration length() {
        return length;
    }

    /** Time between chart points: the sample interval, or a {@value #POINTS}th of the window when longer. */
    Duration step() {
        return step;
    }

    /** The time between the first and last sample: less than the window while the history is younger. */
    Duration covered() {
        return samples.size() < 2 ? Duration.ZERO
                : Duration.between(samples.get(0).at(), samples.get(samples.size() - 1).at());
    }

    /** Per second over the window; null before two samples or while no meter of the measure is registered. */
    Double rate(String measure, String region) {
        return samples.size() < 2 ? null : rate(samples.get(0), samples.get(samples.size() - 1),
                new Series(measure, region));
    }

    /**
     * p50 and p99 (ms) and count of the observations in the window; the percentiles null when there were none, all
     * null while no timer of the measure is registered.
     */
    Map<String, Object> latency(String measure, String region) {
        Series series = new Series(measure, region);
        Buckets last = samples.isEmpty() ? null : samples.get(samples.size() - 1).latencies().get(series);
        if (last == null) {
            return null;
        }
        Buckets in = samples.size() < 2 ? Buckets.EMPTY : last.minus(samples.get(0).latencies().get(series));
        return object("p50_ms", in.quantile(0.5), "p99_ms", in.quantile(0.99), "count", Math.round(in.total()));
    }

    /** The chart's times, epoch seconds: the end of each step. */
    List<Double> times() {
        return points.stream().skip(1).map(s -> s.at().toEpochMilli() / 1000.0).toList();
    }

    /** The measure's rate in each step of {@link #times()}. */
    List<Double> rates(String measure, String region) {
        Series series = new Series(measure, region);
        return steps((from, to) -> rate(from, to, series));
    }

    /** The measure's {@code q} latency quantile (ms) in each step of {@link #times()}; null in a step without any. */
    List<Double> quantiles(String measure, String region, double q) {
        Series series = new Series(measure, region);
        return steps((from, to) -> {
            Buckets last = to.latencies().get(series);
            return last == null ? null : last.minus(from.latencies().get(series)).quantile(q);
        });
    }

    /** The regions with a timer of {@code measure} in the latest sample, sorted. */
    List<String> latencyRegions(String measure) {
        TreeSet<String> regions = new TreeSet<>();
        if (!samples.isEmpty()) {
            samples.get(samples.size() - 1).latencies().keySet().stream().filter(s -> s.measure().equals(measure))
                    .forEach(s -> regions.add(s.region()));
        }
        return List.copyOf(regions);
    }

    private List<Double> steps(BiFunction<MeterSample, MeterSample, Double> between) {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            values.add(between.apply(points.get(i - 1), points.get(i)));
        }
        return values;
    }

    private static Double rate(MeterSample from, MeterSample to, Series series) {
        Double last = to.counts().get(series);
        if (last == null) {
            return null;
        }
        double first = from.counts().getOrDefault(series, 0.0);
        // a counter that went down was registered anew: it counted from 0
        double delta = last >= first ? last - first : last;
        double seconds = Duration.between(from.at(), to.at()).toMillis() / 1000.0;
        return seconds <= 0 ? null : delta / seconds;
    }

    /**
     * The first sample, the first of each later step (steps counted from the epoch, so that the points stay where
     * they were as the window slides), and the last.
     */
    private static List<MeterSample> thin(List<MeterSample> samples, Duration step) {
        List<MeterSample> kept = new ArrayList<>();
        long stepMs = step.toMillis();
        long current = Long.MIN_VALUE;
        for (int i = 0; i < samples.size(); i++) {
            MeterSample s = samples.get(i);
            long index = Math.floorDiv(s.at().toEpochMilli(), stepMs);
            if (kept.isEmpty() || index != current || i == samples.size() - 1) {
                kept.add(s);
                current = index;
            }
        }
        return kept;
    }
}
