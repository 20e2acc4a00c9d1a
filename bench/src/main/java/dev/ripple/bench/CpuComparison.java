package dev.ripple.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole's CPU per event beside the sum of its parts', when the scenarios of both ran in one invocation: e.g.
 * {@code e2e --sustained} against {@code intake}, {@code propagate}, {@code replica-store} and {@code purge-redis},
 * each part counted as often as the whole does it per event (an apply and a purge per region). Ripple's CPU only,
 * the in-process broker's apart; each scenario's last variant, the median over its rounds.
 */
final class CpuComparison {
    /** Issue 23: the whole's CPU per event at most this many times the parts' sum. */
    static final double GOAL = 1.5;

    private CpuComparison() {}

    /** One table per report that names parts of which at least one ran; empty when there is none. */
    static String markdown(List<Report> reports) {
        StringBuilder md = new StringBuilder();
        for (Report whole : reports) {
            if (whole.parts().stream().noneMatch(p -> find(reports, p).isPresent())) {
                continue;
            }
            md.append(String.format("### CPU per event: %s against its parts%n%n| scenario | variant | Ripple CPU "
                    + "ms/event | per event | ms per %s event |%n|---|---|---|---|---|%n", whole.scenario(),
                    whole.scenario()));
            double sum = 0;
            List<String> missing = new ArrayList<>();
            for (Scenario.Part part : whole.parts()) {
                Optional<Report> found = find(reports, part);
                if (found.isEmpty()) {
                    missing.add(part.scenario());
                    md.append(String.format("| %s | %s: not run | – | %d× | – |%n", part.scenario(), part.variant(),
                            part.perEvent()));
                    continue;
                }
                double each = found.get().rippleCpuPerEvent(part.variant()) * 1000;
                sum += each * part.perEvent();
                md.append(String.format("| %s | %s | %.4f | %d× | %.4f |%n", part.scenario(), part.variant(), each,
                        part.perEvent(), each * part.perEvent()));
            }
            double total = whole.rippleCpuPerEvent(whole.rippleVariant()) * 1000;
            double ratio = total / Math.max(1e-12, sum);
            md.append(String.format("| **sum of the parts** | | | | **%.4f** |%n| **%s** | %s | **%.4f** | | |%n%n",
                    sum, whole.scenario(), whole.rippleVariant(), total));
            md.append(String.format("**Ratio**: %s's Ripple CPU per event is %.2f× the sum of its parts' (goal ≤ "
                    + "%.1f×: %s)%s.%n%n", whole.scenario(), ratio, GOAL, ratio <= GOAL ? "met" : "**missed**",
                    missing.isEmpty() ? "" : "; parts not run, so the sum is too low: " + String.join(", ", missing)));
        }
        return md.toString();
    }

    /** The report of the part's scenario, if it ran and measured the part's variant. */
    private static Optional<Report> find(List<Report> reports, Scenario.Part part) {
        return reports.stream().filter(r -> r.scenario().equals(part.scenario()))
                .filter(r -> r.variants().contains(part.variant())).findFirst();
    }
}
