package dev.ripple.propagator;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs besides the rules. Immutable; start from {@link #defaults()} and change with the
 * {@code with…} methods.
 *
 * @param topics topic naming
 * @param watermarkInterval how often (wall-clock) each task writes the watermarks it owes: a batch per partition,
 *     so positions on filtered and idle partitions advance within about this long; 1 ms to 10 s
 * @param maxBufferedPurges most purges a task holds in coalescing windows; past it, purges go out at once and
 *     {@link PropagatorMetricNames#PURGE_BUFFER_FULL} counts them
 * @param maxRecordBytes largest record the topology writes; an event whose output would be larger goes to the
 *     dead-letter topic (region topics are created to accept this size); at least 64 KiB
 * @param clock the time written into {@code Trace.propagated} and dead letters
 * @param metrics where the topology counts
 */
public record TopologyOptions(TopicNames topics, Duration watermarkInterval, int maxBufferedPurges,
        int maxRecordBytes, Clock clock, PropagatorMetrics metrics) {

    public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofMillis(50);
    public static final int DEFAULT_MAX_BUFFERED_PURGES = 10_000;
    /** 24 MiB: a 16 MiB event (the largest a stream may allow), with room for what the records made of it add. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 24 << 20;

    public TopologyOptions {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(watermarkInterval, "watermarkInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Checks.require(watermarkInterval.toMillis() >= 1 && watermarkInterval.compareTo(Duration.ofSeconds(10)) <= 0,
                "watermarkInterval", watermarkInterval, "must be 1 ms to 10 s");
        Checks.require(maxBufferedPurges >= 0, "maxBufferedPurges", maxBufferedPurges,
                "must be >= 0 (0 turns coalescing off)");
        Checks.atLeast(maxRecordBytes, "maxRecordBytes", 64 * 1024);
    }

    /** Topics {@code ripple.*}, watermarks every 50 ms, 10,000 buffered purges, 24 MiB records, UTC clock. */
    public static TopologyOptions defaults() {
        return new TopologyOptions(TopicNames.defaults(), DEFAULT_WATERMARK_INTERVAL, DEFAULT_MAX_BUFFERED_PURGES,
                DEFAULT_MAX_RECORD_BYTES, Clock.systemUTC(), new PropagatorMetrics());
    }

    public TopologyOptions withTopics(TopicNames newTopics) {
        return new TopologyOptions(newTopics, watermarkInterval, maxBufferedPurges, maxRecordBytes, clock, metrics);
    }

    public TopologyOptions withWatermarkInterval(Duration interval) {
        return new TopologyOptions(topics, interval, maxBufferedPurges, maxRecordBytes, clock, metrics);
    }

    public TopologyOptions withMaxBufferedPurges(int max) {
        return new TopologyOptions(topics, watermarkInterval, max, maxRecordBytes, clock, metrics);
    }

    public TopologyOptions withMaxRecordBytes(int max) {
        return new TopologyOptions(topics, watermarkInterval, maxBufferedPurges, max, clock, metrics);
    }

    public TopologyOptions withClock(Clock newClock) {
        return new TopologyOptions(topics, watermarkInterval, maxBufferedPurges, maxRecordBytes, newClock, metrics);
    }

    public TopologyOptions withMetrics(PropagatorMetrics newMetrics) {
        return new TopologyOptions(topics, watermarkInterval, maxBufferedPurges, maxRecordBytes, clock, newMetrics);
    }
}
