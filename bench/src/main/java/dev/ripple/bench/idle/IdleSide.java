package dev.ripple.bench.idle;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One measured process over the window.
 *
 * @param name what it is
 * @param jvmPct CPU of the JVM, % of one core
 * @param childPct CPU of its child processes (the bundled redis-server), % of one core
 * @param jitPct CPU of the JVM's JIT compiler threads, % of one core (part of {@code jvmPct}): the code an idle
 *     process runs still being compiled, which ends once it is
 * @param threads the JVM's threads at the end of the window
 * @param busiest its busiest threads, grouped by name with digits folded to {@code #}, busiest first
 */
record IdleSide(String name, double jvmPct, double childPct, double jitPct, int threads, List<ThreadGroupCpu> busiest) {
    /** HotSpot's compiler threads, as the kernel names them with digits folded. */
    private static final Pattern JIT = Pattern.compile("C# CompilerThre.*");
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

    /** The JVM's and its children's CPU, % of one core. */
    double totalPct() {
        return jvmPct + childPct;
    }

    /** {@link #totalPct()} without the JIT compiler threads. */
    double withoutJitPct() {
        return totalPct() - jitPct;
    }

    /** The window from {@code start} to {@code end}, {@code seconds} long. */
    static IdleSide between(String name, ProcStat start, ProcStat end, double seconds) {
        double scale = 100 / (ProcStat.TICKS_PER_SECOND * seconds);
        Map<String, long[]> groups = new TreeMap<>();
        long jit = 0;
        end.threads().forEach((tid, thread) -> {
            ProcStat.ThreadTicks before = start.threads().get(tid);
            long[] group = groups.computeIfAbsent(thread.name().replaceAll("\\d+", "#"), k -> new long[2]);
            group[0]++;
            group[1] += thread.ticks() - (before == null ? 0 : before.ticks());
        });
        for (Map.Entry<String, long[]> group : groups.entrySet()) {
            if (JIT.matcher(group.getKey()).matches()) {
                jit += group.getValue()[1];
            }
        }
        List<ThreadGroupCpu> busiest = groups.entrySet().stream()
                .map(e -> new ThreadGroupCpu(e.getKey(), (int) e.getValue()[0], e.getValue()[1] * scale))
                .sorted(Comparator.comparingDouble(ThreadGroupCpu::pct).reversed()).limit(LISTED).toList();
        return new IdleSide(name, (end.processTicks() - start.processTicks()) * scale,
                (end.childTicks() - start.childTicks()) * scale, jit * scale, end.threads().size(), busiest);
    }
}
