package dev.ripple.bench.scenarios;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The propagator's exactly-once commits, from the Kafka clients' JMX metrics in this JVM: how many, and how long
 * its producer spent flushing and committing transactions. Read before and after the measured rounds.
 *
 * @param commits Streams {@code commit-total}, summed over stream threads
 * @param flushNanos producer {@code flush-time-ns-total} of the Streams producers
 * @param sendOffsetsNanos producer {@code txn-send-offsets-time-ns-total}
 * @param commitNanos producer {@code txn-commit-time-ns-total}
 */
record E2eCommitProbe(double commits, double flushNanos, double sendOffsetsNanos, double commitNanos) {

    /** The Streams threads' producers (client ids {@code <app>-StreamThread-<n>-producer}). */
    private static final String PRODUCERS = "kafka.producer:type=producer-metrics,client-id=*StreamThread*";

    static E2eCommitProbe read() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return new E2eCommitProbe(sum(server, "kafka.streams:type=stream-thread-metrics,*", "commit-total"),
                sum(server, PRODUCERS, "flush-time-ns-total"),
                sum(server, PRODUCERS, "txn-send-offsets-time-ns-total"),
                sum(server, PRODUCERS, "txn-commit-time-ns-total"));
    }

    E2eCommitProbe minus(E2eCommitProbe before) {
        return new E2eCommitProbe(commits - before.commits, flushNanos - before.flushNanos,
                sendOffsetsNanos - before.sendOffsetsNanos, commitNanos - before.commitNanos);
    }

    E2eCommitProbe plus(E2eCommitProbe other) {
        return new E2eCommitProbe(commits + other.commits, flushNanos + other.flushNanos,
                sendOffsetsNanos + other.sendOffsetsNanos, commitNanos + other.commitNanos);
    }

    /** The mean ms of each step of a commit: flushing, sending offsets, committing. */
    String stepsMillis() {
        double n = Math.max(1, commits);
        return String.format("%.1f / %.1f / %.1f", flushNanos / n / 1e6, sendOffsetsNanos / n / 1e6,
                commitNanos / n / 1e6);
    }

    /** One line of Markdown: commits and the mean time of each step of a commit. */
    String markdown() {
        return String.format("**Propagator commits** (Kafka client metrics over the measured rounds): %,.0f "
                + "commits (transactions under exactly-once, offset commits under at-least-once); per commit on "
                + "average flushing / sending offsets / committing (EndTxn) %s ms.%n%n", commits, stepsMillis());
    }

    private static double sum(MBeanServer server, String pattern, String attribute) {
        double total = 0;
        try {
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                try {
                    Object value = server.getAttribute(name, attribute);
                    if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                        total += number.doubleValue();
                    }
                } catch (Exception e) {
                    // this client has no such metric (a non-transactional producer)
                }
            }
        } catch (Exception e) {
            return Double.NaN;
        }
        return total;
    }
}
