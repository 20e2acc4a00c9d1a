package dev.ripple.bench.faults;

import dev.ripple.cli.CliException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fault run, validated as a whole (each problem names the option and the value).
 *
 * @param duration how long the load runs; faults are injected while it does
 * @param faultInterval time between the starts of two faults (a fault whose recovery takes longer delays the next)
 * @param seed picks the faults and their targets: the same seed, the same sequence
 * @param kinds the faults to pick from; empty for a run without faults (the throughput and latency baseline)
 * @param instances instances of each part, 1 to 9; at least 2 with {@code kill} (a killed one needs a twin to take
 *     over) or {@code scale} (it adds a third to a pair)
 * @param regions the regions to run replicas and purgers for; empty for every region of the config
 * @param sessions concurrent client sessions
 * @param batch events per publish
 * @param pause how long Redis stays paused, and how long the broker stays down
 * @param recoveryTimeout how long a fault may take to recover before it counts as not recovered
 * @param out where the report goes; the processes' logs go under {@code <out>/faults-<time>/processes}
 * @param probe whether to run a prober of the harness's own following every write, and report its nines and cost
 * @param probeChecksPerSecond that prober's check budget ({@code ripple probe --max-checks-per-s}): a sample over it
 *     is left out and counted (a rate; it does not bound the prober's reads in flight)
 * @param probeLadder that prober's delays ({@code ripple probe --ladder}), e.g. {@code 1s,10s,60s}; null for its
 *     default
 */
public record FaultsConfig(Duration duration, Duration faultInterval, long seed, Set<FaultKind> kinds,
        int instances, List<String> regions, int sessions, int batch, Duration pause, Duration recoveryTimeout,
        Path out, boolean probe, int probeChecksPerSecond, String probeLadder) {
    public FaultsConfig {
        Objects.requireNonNull(out, "out");
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        regions = List.copyOf(regions);
        seconds("--fault-interval-s", faultInterval, 5, 3600, "");
        seconds("--duration-s", duration, faultInterval.toSeconds(), 86_400, " (at least one fault interval)");
        seconds("--pause-s", pause, 1, 60, "");
        seconds("--recovery-timeout-s", recoveryTimeout, 10, 600, "");
        int least = kinds.contains(FaultKind.KILL) || kinds.contains(FaultKind.SCALE) ? 2 : 1;
        if (instances < least || instances > 9) {
            throw new CliException("Invalid value " + instances + " for --instances: use " + least + " to 9"
                    + (least == 2 ? "; a killed instance needs a twin to take over its work, and scale adds to a "
                    + "numbered pair (or run --faults without kill and scale)." : "."));
        }
        limit("--sessions", sessions, 1, 256);
        limit("--batch", batch, 1, 100);
        limit("--probe-checks-per-s", probeChecksPerSecond, 1, 1_000_000);
    }

    /** The harness prober's default check budget. */
    public static final int DEFAULT_PROBE_CHECKS_PER_SECOND = 5000;

    /** A run without the harness's prober. */
    public FaultsConfig(Duration duration, Duration faultInterval, long seed, Set<FaultKind> kinds, int instances,
            List<String> regions, int sessions, int batch, Duration pause, Duration recoveryTimeout, Path out) {
        this(duration, faultInterval, seed, kinds, instances, regions, sessions, batch, pause, recoveryTimeout, out,
                false, DEFAULT_PROBE_CHECKS_PER_SECOND, null);
    }

    private static void seconds(String option, Duration value, long min, long max, String why) {
        Objects.requireNonNull(value, option);
        if (value.toSeconds() < min || value.toSeconds() > max) {
            throw new CliException("Invalid value " + value.toSeconds() + " for " + option + ": use " + min + " to "
                    + max + " s" + why + ".");
        }
    }

    private static void limit(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CliException("Invalid value " + value + " for " + option + ": use " + min + " to " + max + ".");
        }
    }
}
