package dev.ripple.bench.idle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process and its descendants as Linux accounts it in {@code /proc/<pid>/stat} ({@code utime} +
 * {@code stime}, every thread including those that ended), with the same per live thread from
 * {@code /proc/<pid>/task/<tid>/stat} (the thread's name as the kernel knows it: at most 15 characters).
 *
 * @param processTicks CPU of the process itself, clock ticks
 * @param childTicks CPU of its descendant processes alive now (a bundled redis-server), clock ticks
 * @param threads the process's threads: tid to its name and ticks
 */
public record ProcStat(long processTicks, long childTicks, Map<Long, ThreadTicks> threads) {
    /** Clock ticks per second of {@code /proc} times: {@code getconf CLK_TCK}, 100 on every Linux we know. */
    public static final double TICKS_PER_SECOND = 100;

    /** One thread's name and CPU ticks. */
    public record ThreadTicks(String name, long ticks) {}

    /** Reads the process {@code pid} now; throws if it is gone. */
    public static ProcStat of(long pid) {
        long children = ProcessHandle.of(pid).map(p -> p.descendants().mapToLong(d -> ticksOrZero(d.pid())).sum())
                .orElse(0L);
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    List<String> fields = fields(Files.readString(task.resolve("stat")));
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTicks(fields.get(0), ticks(fields)));
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
            return new ProcStat(ticks(fields(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))),
                    children, threads);
        } catch (IOException e) {
            throw new IllegalStateException("Process " + pid + " is gone: " + e.getMessage(), e);
        }
    }

    private static long ticksOrZero(long pid) {
        try {
            return ticks(fields(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The name (field 2, without its parentheses) then fields 3 onwards; the name may hold spaces. */
    private static List<String> fields(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close);
        String[] rest = stat.substring(close + 2).trim().split(" ");
        return Stream.concat(Stream.of(name), Stream.of(rest)).toList();
    }

    /** utime (field 14) + stime (field 15): indexes 12 and 13 of {@link #fields}. */
    private static long ticks(List<String> fields) {
        return Long.parseLong(fields.get(12)) + Long.parseLong(fields.get(13));
    }
}
