package dev.ripple.bench.scenarios;

import dev.ripple.bench.Measurement;
import dev.ripple.bench.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The table of issue 26, as {@code http-e2e} prints it: per subject, the delivered/s of a blast, the latency
 * percentiles at a fixed rate, and the CPU per event of each; medians over the measured rounds, each quantity on
 * its own, with ratios to the first subject (the raw baseline of the same run). Then the goals, checked
 * against the subjects after the first. Not thread-safe: fed by the bench's one thread.
 */
final class SideBySide {
    /** Blast delivered/s the issue asks for: 3× change-propagation's 1,731. */
    static final double BLAST_GOAL = 3 * 1731;
    /** CPU per event at the fixed rate may be at most this many times that of the blast. */
    static final double CPU_GOAL = 1.5;

    /** Latency percentiles in milliseconds; an infinite one means some event never arrived. */
    record Percentiles(double p50, double p90, double p99, double p999) {
        /** The percentiles of {@code millis} (left as they are; an infinite value is an event that never arrived). */
        static Percentiles of(double[] millis) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Percentiles(Measurement.Latency.percentile(sorted, 0.50),
                    Measurement.Latency.percentile(sorted, 0.90), Measurement.Latency.percentile(sorted, 0.99),
                    Measurement.Latency.percentile(sorted, 0.999));
        }

        /** Each percentile's median over {@code all}; null for none. */
        static Percentiles median(List<Percentiles> all) {
            if (all.isEmpty()) {
                return null;
            }
            return new Percentiles(med(all, Percentiles::p50), med(all, Percentiles::p90), med(all, Percentiles::p99),
                    med(all, Percentiles::p999));
        }
    }

    /**
     * One measured round of a subject under one load.
     *
     * @param rate events delivered to the sink per second
     * @param cpuMs CPU ms per event of the subject (the JVM less the broker, the load generator and the sink)
     * @param brokerCpuMs CPU ms per event of the in-process broker; 0 when it is elsewhere
     * @param jitCpuMs of {@code cpuMs}, the JIT compiler threads' ({@link dev.ripple.bench.CpuMeter.Split#jit})
     * @param latency the percentiles from sent to received; null for a blast (its latencies are its queue)
     */
    record Round(double rate, double cpuMs, double brokerCpuMs, double jitCpuMs, Percentiles latency) {
        /** Less the JIT compiler threads: the work per event of a JVM that has warmed up. */
        double warmCpuMs() {
            return cpuMs - jitCpuMs;
        }
    }

    private final List<String> subjects;
    private final int rate;
    private final Map<String, List<Round>> blasts = new LinkedHashMap<>();
    private final Map<String, List<Round>> paced = new LinkedHashMap<>();

    /**
     * @param subjects what is compared, the baseline first
     * @param rate events/s of the fixed-rate rounds
     */
    SideBySide(List<String> subjects, int rate) {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("Name at least the baseline");
        }
        this.subjects = List.copyOf(subjects);
        this.rate = rate;
        for (String subject : subjects) {
            blasts.put(subject, new ArrayList<>());
            paced.put(subject, new ArrayList<>());
        }
    }

    /** A measured blast round of {@code subject}. */
    void blast(String subject, Round round) {
        rounds(blasts, subject).add(round);
    }

    /** A measured round of {@code subject} at the fixed rate. */
    void paced(String subject, Round round) {
        rounds(paced, subject).add(round);
    }

    /** The table, then the goals; {@code latencyGoal} is {p50, p99} in ms at the fixed rate. */
    String markdown(double[] latencyGoal) {
        String baseline = subjects.get(0);
        double baseRate = med(blasts.get(baseline), Round::rate);
        Percentiles basePaced = Percentiles.median(latencies(baseline));
        StringBuilder md = new StringBuilder(String.format("| subject | blast, delivered/s | %,d events/s: p50 / p90 "
                + "/ p99 / p99.9 ms | CPU ms per event, blast / at %,d/s (+ broker; of it the JIT compilers) |%n"
                + "|---|---|---|---|%n", rate, rate));
        for (String subject : subjects) {
            List<Round> blast = blasts.get(subject);
            List<Round> atRate = paced.get(subject);
            Percentiles latency = Percentiles.median(latencies(subject));
            md.append(String.format("| %s | %s | %s | %s / %s (+ %s / %s; JIT %s / %s) |%n", subject,
                    blast.isEmpty() ? "–" : String.format("%,.0f (%.2fx)", med(blast, Round::rate),
                            med(blast, Round::rate) / Math.max(1e-9, baseRate)),
                    latency == null ? "–" : String.format("%s / %s / %s / %s (p99 %s)", ms(latency.p50()),
                            ms(latency.p90()), ms(latency.p99()), ms(latency.p999()), basePaced == null ? "–"
                            : String.format("%.1fx", latency.p99() / Math.max(1e-9, basePaced.p99()))),
                    cpu(blast, Round::cpuMs), cpu(atRate, Round::cpuMs), cpu(blast, Round::brokerCpuMs),
                    cpu(atRate, Round::brokerCpuMs), cpu(blast, Round::jitCpuMs), cpu(atRate, Round::jitCpuMs)));
        }
        md.append(String.format("%n**Goals** (issue 26):%n%n| subject | goal | measured | status |%n"
                + "|---|---|---|---|%n"));
        for (String subject : subjects.subList(1, subjects.size())) {
            List<Round> blast = blasts.get(subject);
            List<Round> atRate = paced.get(subject);
            Percentiles latency = Percentiles.median(latencies(subject));
            if (latency != null) {
                md.append(goal(subject, String.format("p50 ≤ %s ms and p99 ≤ %s ms at %,d/s", ms(latencyGoal[0]),
                        ms(latencyGoal[1]), rate), ms(latency.p50()) + " / " + ms(latency.p99()) + " ms",
                        latency.p50() <= latencyGoal[0] && latency.p99() <= latencyGoal[1]));
            }
            if (!blast.isEmpty() && !atRate.isEmpty()) {
                double ratio = med(atRate, Round::cpuMs) / Math.max(1e-9, med(blast, Round::cpuMs));
                md.append(goal(subject, String.format("CPU per event at %,d/s ≤ %.1f× the blast's", rate, CPU_GOAL),
                        String.format("%.2f×", ratio), ratio <= CPU_GOAL));
                double warm = med(atRate, Round::warmCpuMs) / Math.max(1e-9, med(blast, Round::warmCpuMs));
                md.append(goal(subject, "the same, both less the JIT compilers",
                        String.format("%.2f×", warm), warm <= CPU_GOAL));
            }
            if (!blast.isEmpty()) {
                md.append(goal(subject, String.format("blast ≥ %,.0f delivered/s", BLAST_GOAL),
                        String.format("%,.0f/s", med(blast, Round::rate)), med(blast, Round::rate) >= BLAST_GOAL));
            }
        }
        return md.toString();
    }

    private List<Round> rounds(Map<String, List<Round>> rounds, String subject) {
        List<Round> of = rounds.get(subject);
        if (of == null) {
            throw new IllegalArgumentException("Unknown subject '" + subject + "'; known: " + subjects);
        }
        return of;
    }

    private List<Percentiles> latencies(String subject) {
        return paced.get(subject).stream().map(Round::latency).filter(l -> l != null).toList();
    }

    private static String goal(String subject, String goal, String measured, boolean met) {
        return String.format("| %s | %s | %s | %s |%n", subject, goal, measured, met ? "met" : "**missed**");
    }

    private static String cpu(List<Round> rounds, ToDoubleFunction<Round> f) {
        return rounds.isEmpty() ? "–" : String.format("%.2f", med(rounds, f));
    }

    private static String ms(double value) {
        return Double.isInfinite(value) ? "∞" : value < 10 ? String.format("%.1f", value)
                : String.format("%,.0f", value);
    }

    private static <T> double med(List<T> values, ToDoubleFunction<T> f) {
        return Report.median(values.stream().mapToDouble(f).toArray());
    }
}
