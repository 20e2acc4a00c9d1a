package dev.ripple.replica;

import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How an applier finds that its store lost data and rebuilds it (DESIGN.md 7.1). Immutable.
 *
 * @param source the latest state to rebuild from ({@link RebuildSource#none()} rebuilds partitions empty)
 * @param recordsPerSecond most latest-state records applied per second by one applier's rebuilds (1 to 1,000,000),
 *     so a rebuild does not starve the live partitions or the store
 * @param checkInterval how often every owned partition's generation is checked in the store, so a loss is found
 *     on an idle partition too (100 ms to 60 s)
 * @param progressInterval how often a running rebuild logs its progress (1 s to 10 min)
 */
public record RebuildConfig(RebuildSource source, int recordsPerSecond, Duration checkInterval,
        Duration progressInterval) {

    public RebuildConfig {
        Objects.requireNonNull(source, "source");
        Checks.range(recordsPerSecond, "recordsPerSecond", 1, 1_000_000);
        Checks.between(checkInterval, "checkInterval", Duration.ofMillis(100), Duration.ofSeconds(60));
        Checks.between(progressInterval, "progressInterval", Duration.ofSeconds(1), Duration.ofMinutes(10));
    }

    /** No source, 20,000 records/s, checked every second, progress every 5 s. */
    public static RebuildConfig defaults() {
        return new RebuildConfig(RebuildSource.none(), 20_000, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    public RebuildConfig withSource(RebuildSource newSource) {
        return new RebuildConfig(newSource, recordsPerSecond, checkInterval, progressInterval);
    }

    public RebuildConfig withRecordsPerSecond(int rate) {
        return new RebuildConfig(source, rate, checkInterval, progressInterval);
    }
}
