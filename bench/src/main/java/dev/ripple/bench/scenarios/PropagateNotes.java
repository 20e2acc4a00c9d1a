package dev.ripple.bench.scenarios;

import dev.ripple.bench.Report;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The Markdown that {@code propagate} prints under its table: both ratios and what each variant wrote. */
final class PropagateNotes {
    private PropagateNotes() {}

    static String markdown(Map<String, List<Double>> rates, OutputCensus.Census propagator,
            OutputCensus.Census fanOut, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        double prop = median(rates, PropagateScenario.PROPAGATOR);
        double fan = median(rates, PropagateScenario.FAN_OUT);
        double pass = median(rates, PropagateScenario.PASS);
        md.append(String.format("**Ratios** (medians of the rounds): the propagator %.2fx of the fan-out "
                + "pass-through, %.2fx of the 1-record pass-through; the fan-out %.2fx of the pass-through.%n%n",
                prop / Math.max(1e-9, fan), prop / Math.max(1e-9, pass), fan / Math.max(1e-9, pass)));
        md.append(String.format("**Load average** (1, 5, 15 min): %s when the session opened, %s after the last "
                + "round.%n%n", loadBefore, loadAfter));
        if (propagator != null) {
            md.append(String.format("**Written per source event** (warm-up rounds of %,d events, counted on the "
                    + "broker, read committed; bytes are key + value + headers; the fan-out's changelog is its "
                    + "own store's):%n%n", propagator.events()));
            md.append("| topic | propagator records/event | bytes/record | fan-out records/event | bytes/record |\n"
                    + "|---|---|---|---|---|\n");
            TreeSet<String> roles = new TreeSet<>();
            propagator.topics().forEach(t -> roles.add(t.role()));
            if (fanOut != null) {
                fanOut.topics().forEach(t -> roles.add(t.role()));
            }
            for (String role : roles) {
                md.append("| ").append(role).append(" | ").append(cell(propagator, role)).append(" | ")
                        .append(fanOut == null ? "– | –" : cell(fanOut, role)).append(" |\n");
            }
            md.append(String.format("| **all** | %.2f | %.0f B/event | %s |%n",
                    propagator.recordsPerEvent(t -> true), propagator.bytesPerEvent(t -> true),
                    fanOut == null ? "– | –" : String.format("%.2f | %.0f B/event",
                            fanOut.recordsPerEvent(t -> true), fanOut.bytesPerEvent(t -> true))));
        }
        return md.toString();
    }

    private static String cell(OutputCensus.Census census, String role) {
        return census.topics().stream().filter(t -> t.role().equals(role)).findFirst()
                .map(t -> String.format("%.3f | %.0f", (double) t.records() / census.events(),
                        (double) (t.keyBytes() + t.valueBytes()) / t.records()))
                .orElse("0 | –");
    }

    private static double median(Map<String, List<Double>> rates, String variant) {
        return Report.median(rates.getOrDefault(variant, List.of()).stream().mapToDouble(Double::doubleValue)
                .toArray());
    }
}
