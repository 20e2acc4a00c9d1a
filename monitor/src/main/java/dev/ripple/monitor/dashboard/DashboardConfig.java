package dev.ripple.monitor.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the dashboard keeps the history its rates and latency percentiles are computed from. Immutable.
 *
 * @param sampleInterval time between two samples of the process's counters and latency histograms
 * @param retention how far back samples are kept: the longest window the page can show
 * @param defaultWindow the window of {@code /api/dashboard} and {@code /api/regions} without {@code ?window=}
 */
public record DashboardConfig(Duration sampleInterval, Duration retention, Duration defaultWindow) {
    /** The windows the page offers, those up to {@link #retention()}. */
    public static final List<Duration> PRESETS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1));
    /** Seconds between samples by default. */
    public static final int DEFAULT_SAMPLE_SECONDS = 5;
    /** Minutes of samples kept by default. */
    public static final int DEFAULT_RETENTION_MINUTES = 60;
    /** The default window. */
    public static final String DEFAULT_WINDOW = "5m";
    /** The most samples a retention may hold. */
    public static final int MAX_SAMPLES = 100_000;
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,5})([smh])");

    public DashboardConfig {
        requirePositive(sampleInterval, "sampleInterval");
        requirePositive(retention, "retention");
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        if (retention.compareTo(sampleInterval) < 0 || retention.dividedBy(sampleInterval) > MAX_SAMPLES) {
            throw new IllegalArgumentException("Invalid value " + format(retention) + " for retention: must be from "
                    + "the sample interval (" + format(sampleInterval) + ") to " + MAX_SAMPLES + " samples");
        }
        if (defaultWindow.compareTo(sampleInterval) < 0 || defaultWindow.compareTo(retention) > 0) {
            throw new IllegalArgumentException("Invalid value " + format(defaultWindow) + " for defaultWindow: must "
                    + "be from the sample interval (" + format(sampleInterval) + ") to the retention ("
                    + format(retention) + ")");
        }
    }

    /** A sample every 5 s, an hour kept (721 samples), a 5-minute window by default. */
    public static DashboardConfig defaults() {
        return of(Duration.ofSeconds(DEFAULT_SAMPLE_SECONDS), Duration.ofMinutes(DEFAULT_RETENTION_MINUTES));
    }

    /** Sampling and retention as given; the default window {@value #DEFAULT_WINDOW}, or the retention if shorter. */
    public static DashboardConfig of(Duration sampleInterval, Duration retention) {
        Duration window = Duration.ofMinutes(5);
        return new DashboardConfig(sampleInterval, retention, retention != null && retention.compareTo(window) < 0
                ? retention : window);
    }

    /**
     * A copy whose default window is {@code text}, as {@link #window(String)} reads it.
     *
     * @throws IllegalArgumentException as {@link #window(String)}
     */
    public DashboardConfig withDefaultWindow(String text) {
        return new DashboardConfig(sampleInterval, retention, window(text));
    }

    /** Samples kept: the retention's worth, and the one that starts its oldest window. */
    public int capacity() {
        return (int) retention.dividedBy(sampleInterval) + 1;
    }

    /** The windows to offer, shortest first: the {@link #PRESETS} within the retention, and the default. */
    public List<Duration> choices() {
        TreeSet<Duration> choices = new TreeSet<>(PRESETS.stream().filter(w -> w.compareTo(retention) <= 0)
                .toList());
        choices.add(defaultWindow);
        return List.copyOf(choices);
    }

    /**
     * The window named by a request's {@code ?window=}: a whole number and {@code s}, {@code m} or {@code h}, from
     * the sample interval to the retention; the default for null or blank.
     *
     * @throws IllegalArgumentException naming the value and what would do
     */
    public Duration window(String text) {
        if (text == null || text.isBlank()) {
            return defaultWindow;
        }
        Matcher m = WINDOW.matcher(text.strip().toLowerCase(Locale.ROOT));
        Duration window = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            window = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (window == null || window.compareTo(sampleInterval) < 0 || window.compareTo(retention) > 0) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for window: give a whole number and s, m "
                    + "or h (" + String.join(", ", choices().stream().map(DashboardConfig::format).toList())
                    + "), from " + format(sampleInterval) + " (the sample interval) to " + format(retention)
                    + " (the history kept)");
        }
        return window;
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}: the largest unit that divides the duration. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("Invalid value " + d + " for " + name + ": must be a positive whole "
                    + "number of seconds");
        }
    }
}
