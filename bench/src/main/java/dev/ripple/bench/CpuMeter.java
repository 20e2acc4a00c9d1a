package dev.ripple.bench;

import dev.ripple.bench.idle.ProcStat;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM over an interval, split by thread name into the in-process broker's threads, the
 * benchmark's HTTP load generator ({@code HttpClient-…} threads), and the rest: Ripple and its Kafka clients.
 * Ripple's share is the process's CPU time less the other two, so threads that end inside the interval (a
 * producer closed at the end of a round) still count.
 */
public final class CpuMeter {
    /** Thread names of a Kafka broker's own threads (not of clients, which are named kafka-producer-… etc.). */
    private static final Pattern BROKER = Pattern.compile("data-plane-kafka.*|kafka-request-handler.*"
            + "|kafka-scheduler.*|kafka-log.*|ExpirationReaper.*|.*controller.*|.*raft.*|.*Raft.*|broker-.*"
            + "|LogDirFailureHandler|group-coordinator.*|share-coordinator.*|transaction-.*|TxnMarkerSender.*"
            + "|.*ReplicaFetcher.*|metadata-.*|kafka-1-.*|.*-metadata-loader.*|feature-.*|.*Acceptor.*"
            + "|.*[Pp]rocessor.*-\\d+");
    private static final Pattern CLIENT = Pattern.compile("kafka-(producer|admin|coordinator|consumer).*"
            + "|.*StreamThread.*|consumer_background.*");

    /**
     * CPU seconds in an interval.
     *
     * @param ripple everything but the broker
     * @param broker the in-process broker's threads; 0 when the broker is elsewhere
     * @param jit of {@code ripple}, the JIT compiler threads' (C1, C2; read from {@code /proc}, 0 where there is
     *     none): a fresh JVM's warm-up, not work per event. It goes on for minutes (every client, the broker and
     *     the bench share the JVM), so a paced round of seconds pays far more of it per event than a blast
     */
    public record Split(double ripple, double broker, double jit) {
        public static final Split NONE = new Split(0, 0, 0);

        public Split(double ripple, double broker) {
            this(ripple, broker, 0);
        }
    }

    private static final Pattern LOAD = Pattern.compile("HttpClient-.*");
    private static final Pattern UUIDS = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    /** HotSpot's compiler threads as the kernel names them (15 characters at most). */
    private static final Pattern JIT = Pattern.compile("C[12] CompilerThre.*");

    private Pattern load = LOAD;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Map<Long, Long> start;
    private long processStart;
    private long jitStart;
    private Map<String, Double> groups = Map.of();

    /** Starts an interval; threads named {@code HttpClient-…} are the load generator's. */
    public static CpuMeter start() {
        return start(LOAD);
    }

    /**
     * Starts an interval in which the threads whose names match {@code loadThreads} are the benchmark's (a load
     * generator, a stand-in server) and counted as neither Ripple's nor the broker's. For scenarios in which Ripple
     * itself calls out with the JDK's HttpClient.
     */
    public static CpuMeter start(Pattern loadThreads) {
        CpuMeter meter = new CpuMeter();
        meter.load = loadThreads;
        meter.start = meter.sample();
        meter.processStart = meter.os.getProcessCpuTime();
        meter.jitStart = jitTicks();
        return meter;
    }

    /** Ends the interval. */
    public Split stop() {
        Map<Long, Long> end = sample();
        double process = (os.getProcessCpuTime() - processStart) / 1e9;
        double loadSeconds = 0;
        double broker = 0;
        Map<String, Double> byGroup = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(end.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            double seconds = (end.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L)) / 1e9;
            boolean isLoad = load.matcher(info.getThreadName()).matches();
            if (!isLoad) {
                byGroup.merge(group(info.getThreadName()), seconds, Double::sum);
            }
            if (isBroker(info.getThreadName())) {
                broker += seconds;
            } else if (isLoad) {
                loadSeconds += seconds;
            }
        }
        double jit = Math.max(0, jitTicks() - jitStart) / ProcStat.TICKS_PER_SECOND;
        groups = Map.copyOf(byGroup);
        return new Split(Math.max(0, process - broker - loadSeconds), broker, jit);
    }

    /**
     * CPU seconds of the interval {@link #stop()} ended, per group of Java threads alike but for their numbers
     * ({@link #group}), the load generator's left out; threads that ended inside the interval, the JIT compilers and
     * the garbage collector are not among them. Empty before {@code stop()}.
     */
    public Map<String, Double> threadGroups() {
        return groups;
    }

    /** A thread's name with its numbers and UUIDs as {@code N}: {@code ripple-http-12} and {@code -13} group. */
    static String group(String threadName) {
        return NUMBERS.matcher(UUIDS.matcher(threadName).replaceAll("N")).replaceAll("N");
    }

    static boolean isBroker(String threadName) {
        return !CLIENT.matcher(threadName).matches() && BROKER.matcher(threadName).matches();
    }

    /** CPU ticks of this JVM's JIT compiler threads alive now; 0 without {@code /proc}. */
    private static long jitTicks() {
        try {
            return ProcStat.of(ProcessHandle.current().pid()).threads().values().stream()
                    .filter(t -> JIT.matcher(t.name()).matches()).mapToLong(ProcStat.ThreadTicks::ticks).sum();
        } catch (IllegalStateException | UncheckedIOException | SecurityException e) {
            return 0;
        }
    }

    private Map<Long, Long> sample() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
