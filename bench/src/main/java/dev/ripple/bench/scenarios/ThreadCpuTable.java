package dev.ripple.bench.scenarios;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a subject's CPU per event goes, by group of threads ({@link dev.ripple.bench.CpuMeter#threadGroups()}), in
 * a blast and at a fixed rate: which threads pay more per event when events come one at a time (issue 26).
 * Sums over the measured rounds. Not thread-safe: fed by the bench's one thread.
 */
final class ThreadCpuTable {
    /** CPU seconds by thread group and the events they carried, over the rounds of one subject under one load. */
    private static final class Totals {
        private final Map<String, Double> seconds = new HashMap<>();
        private long events;

        double microsPerEvent(String group) {
            return events == 0 ? 0 : seconds.getOrDefault(group, 0.0) * 1e6 / events;
        }

        double microsPerEvent() {
            return events == 0 ? 0 : seconds.values().stream().mapToDouble(Double::doubleValue).sum() * 1e6 / events;
        }
    }

    private final Map<String, Totals> blasts = new LinkedHashMap<>();
    private final Map<String, Totals> paced = new LinkedHashMap<>();

    /** Adds a measured round of {@code subject}: the CPU seconds of each thread group and the events delivered. */
    void add(String subject, boolean blast, Map<String, Double> seconds, long events) {
        Totals totals = (blast ? blasts : paced).computeIfAbsent(subject, s -> new Totals());
        seconds.forEach((group, s) -> totals.seconds.merge(group, s, Double::sum));
        totals.events += events;
    }

    /**
     * A Markdown table of {@code subject}'s {@code top} costliest thread groups at the fixed rate: µs of CPU per event
     * in the blast and at {@code rate}, and their ratio; then the rest together and the total. Empty if the subject
     * lacks a round of one of the loads.
     */
    String markdown(String subject, int rate, int top) {
        Totals blast = blasts.get(subject);
        Totals fixed = paced.get(subject);
        if (blast == null || fixed == null) {
            return "";
        }
        Set<String> all = new TreeSet<>(fixed.seconds.keySet());
        all.addAll(blast.seconds.keySet());
        Comparator<String> costliestFirst = Comparator.<String>comparingDouble(fixed::microsPerEvent).reversed();
        List<String> costliest = all.stream().sorted(costliestFirst).limit(top).toList();
        StringBuilder md = new StringBuilder(String.format("| %s: thread group | blast µs/event | %,d/s µs/event | "
                + "ratio |%n|---|---|---|---|%n", subject, rate));
        double blastShown = 0;
        double fixedShown = 0;
        for (String group : costliest) {
            md.append(row(group.replace("|", "\\|"), blast.microsPerEvent(group), fixed.microsPerEvent(group)));
            blastShown += blast.microsPerEvent(group);
            fixedShown += fixed.microsPerEvent(group);
        }
        md.append(row("other groups (" + (all.size() - costliest.size()) + ")", blast.microsPerEvent() - blastShown,
                fixed.microsPerEvent() - fixedShown));
        return md.append(row("**all Java threads** (no JIT, no GC)", blast.microsPerEvent(), fixed.microsPerEvent()))
                .toString();
    }

    /** A row; no ratio against a blast cost that rounds to 0 µs (a remainder of sums can be 1e-15, not 0). */
    private static String row(String name, double blastMicros, double fixedMicros) {
        return String.format("| %s | %.0f | %.0f | %s |%n", name, blastMicros, fixedMicros,
                blastMicros >= 0.5 ? String.format("%.1f×", fixedMicros / blastMicros) : "–");
    }
}
