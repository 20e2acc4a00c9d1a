package dev.ripple.bench.idle;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured process over the window.
 *
 * @param name what it is
 * @param jvmPct CPU of the JVM, % of one core
 * @param childPct CPU of its child processes (the bundled redis-server), % of one core
 * @param threads the JVM's threads at the end of the window
 * @param busiest its busiest threads, grouped by name with digits folded to {@code #}, busiest first
 */
record IdleSide(String name, double jvmPct, double childPct, int threads, List<ThreadGroupCpu> busiest) {
    /** How many thread groups a report lists. */
    static final int LISTED = 15;

    /**
     * Threads of one name.
     *
     * @param name the kernel's name with digits folded to {@code #}
     * @param count threads of that name alive at the end
     * @param pct their CPU, % of one core
     */
    record ThreadGroupCpu(String name, int count, double pct) {}

    /** Ripple's and its children's CPU, % of one core. */
    double totalPct() {
        return jvmPct + childPct;
    }

    /** The window from {@code start} to {@code end}, {@code seconds} long. */
    static IdleSide between(String name, ProcStat start, ProcStat end, double seconds) {
        double scale = 100 / (ProcStat.TICKS_PER_SECOND * seconds);
        Map<String, long[]> groups = new TreeMap<>();
        end.threads().forEach((tid, thread) -> {
            ProcStat.ThreadTicks before = start.threads().get(tid);
            long[] group = groups.computeIfAbsent(thread.name().replaceAll("\\d+", "#"), k -> new long[2]);
            group[0]++;
            group[1] += thread.ticks() - (before == null ? 0 : before.ticks());
        });
        List<ThreadGroupCpu> busiest = groups.entrySet().stream()
                .map(e -> new ThreadGroupCpu(e.getKey(), (int) e.getValue()[0], e.getValue()[1] * scale))
                .sorted(Comparator.comparingDouble(ThreadGroupCpu::pct).reversed()).limit(LISTED).toList();
        return new IdleSide(name, (end.processTicks() - start.processTicks()) * scale,
                (end.childTicks() - start.childTicks()) * scale, end.threads().size(), busiest);
    }
}
