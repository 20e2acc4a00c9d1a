package dev.ripple.monitor.lag;

import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the lag monitor samples. Immutable; change copies with the {@code with…} methods.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param groupPrefixes consumer group id prefixes that mark a Ripple group (default {@code ripple-}, {@code ripple.})
 * @param topics topic naming, for the stream and dead-letter topics watched
 * @param interval time between samples
 * @param windowSize samples per partition the status rules look at ({@link LagRules}); at least 2
 * @param historySize samples per group kept for charts; at least 1
 * @param fetchTimeout how long one sample may wait to read first-unconsumed-record timestamps
 * @param clientSettings extra Kafka client settings (TLS, SASL), passed through to the admin and consumer
 */
public record LagMonitorConfig(String bootstrapServers, List<String> groupPrefixes, TopicNames topics,
        Duration interval, int windowSize, int historySize, Duration fetchTimeout,
        Map<String, Object> clientSettings) {
    /** Seconds between samples by default. */
    public static final int DEFAULT_INTERVAL_SECONDS = 2;
    /** Samples per status window by default. */
    public static final int DEFAULT_WINDOW = 25;

    public LagMonitorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        groupPrefixes = List.copyOf(groupPrefixes);
        clientSettings = Map.copyOf(clientSettings);
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Invalid value '' for bootstrapServers: must name at least one broker");
        }
        if (groupPrefixes.isEmpty() || groupPrefixes.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Invalid value " + groupPrefixes + " for groupPrefixes: give at least "
                    + "one non-blank prefix");
        }
        requirePositive(interval, "interval");
        requirePositive(fetchTimeout, "fetchTimeout");
        if (windowSize < 2 || windowSize > 1_000) {
            throw new IllegalArgumentException("Invalid value " + windowSize + " for windowSize: must be 2 to 1000");
        }
        if (historySize < 1 || historySize > 100_000) {
            throw new IllegalArgumentException("Invalid value " + historySize + " for historySize: must be 1 to "
                    + "100000");
        }
    }

    /**
     * Every {@value #DEFAULT_INTERVAL_SECONDS} s, a window of {@value #DEFAULT_WINDOW} samples (48 s, as the 50 s
     * of 10 samples every 5 s before), an hour of history, prefixes {@code ripple-} and {@code ripple.}. Every 2 s,
     * so that a group whose last member was killed reads STOP within 10 s: its session expires after 6 s, and the
     * next sample sees it.
     */
    public static LagMonitorConfig defaults(String bootstrapServers) {
        return new LagMonitorConfig(bootstrapServers, List.of("ripple-", "ripple."), TopicNames.defaults(),
                Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS), DEFAULT_WINDOW, 1_800, Duration.ofSeconds(2), Map.of());
    }

    public LagMonitorConfig withGroupPrefixes(List<String> prefixes) {
        return new LagMonitorConfig(bootstrapServers, prefixes, topics, interval, windowSize, historySize,
                fetchTimeout, clientSettings);
    }

    public LagMonitorConfig withTopics(TopicNames names) {
        return new LagMonitorConfig(bootstrapServers, groupPrefixes, names, interval, windowSize, historySize,
                fetchTimeout, clientSettings);
    }

    public LagMonitorConfig withSampling(Duration newInterval, int newWindowSize) {
        return new LagMonitorConfig(bootstrapServers, groupPrefixes, topics, newInterval, newWindowSize, historySize,
                fetchTimeout, clientSettings);
    }

    public LagMonitorConfig withHistorySize(int size) {
        return new LagMonitorConfig(bootstrapServers, groupPrefixes, topics, interval, windowSize, size,
                fetchTimeout, clientSettings);
    }

    public LagMonitorConfig withClientSettings(Map<String, Object> settings) {
        return new LagMonitorConfig(bootstrapServers, groupPrefixes, topics, interval, windowSize, historySize,
                fetchTimeout, settings);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Invalid value " + d + " for " + name + ": must be positive");
        }
    }
}
