package dev.ripple.bench.deps;

import dev.ripple.bench.CpuMeter;
import dev.ripple.cli.up.ProcessUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of a {@link ProcessUp} stack's processes from {@code /proc/<pid>/stat} (user + system): the parts are
 * Ripple's, the broker the broker's; etcd and Redis are left out, as the in-process scenarios leave them out. The
 * benchmark's own JVM (the load) is not a part. Zero where {@code /proc} is not there.
 */
public final class StackCpu {
    private static final double TICKS_PER_SECOND = 100;
    private static final Set<String> SERVICES = Set.of("etcd", "redis");
    private final ProcessUp up;
    private final Map<Long, Long> start;

    private StackCpu(ProcessUp up) {
        this.up = up;
        this.start = sample(up);
    }

    /** Starts an interval. */
    public static StackCpu start(ProcessUp up) {
        return new StackCpu(up);
    }

    /** Ends it: the CPU seconds of the parts (a part restarted meanwhile counts from its start) and the broker. */
    public CpuMeter.Split stop() {
        double ripple = 0;
        double broker = 0;
        for (ProcessUp.Row row : up.rows()) {
            if (SERVICES.contains(row.name())) {
                continue;
            }
            double seconds = (ticks(row.pid()) - start.getOrDefault(row.pid(), 0L)) / TICKS_PER_SECOND;
            if (row.name().equals("kafka")) {
                broker += seconds;
            } else {
                ripple += seconds;
            }
        }
        return new CpuMeter.Split(ripple, broker);
    }

    private static Map<Long, Long> sample(ProcessUp up) {
        Map<Long, Long> ticks = new HashMap<>();
        up.rows().forEach(row -> ticks.put(row.pid(), ticks(row.pid())));
        return ticks;
    }

    /** utime + stime of {@code pid}, in clock ticks; 0 when it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
