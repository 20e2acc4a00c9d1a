package dev.ripple.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The result of a scenario: every round of every variant, and per variant the medians, the ratio of its median
 * rate to the baseline's, CPU seconds per 1,000 events, and whether every round was correct.
 */
public final class Report {
    private final String scenario;
    private final String description;
    private final Instant when;
    private final List<String> variants;
    private final UnaryOperator<String> baselineOf;
    private final Map<String, List<Measurement>> rounds = new LinkedHashMap<>();
    private final Map<String, Correctness> failedWarmUps = new LinkedHashMap<>();
    private List<Scenario.Part> parts = List.of();
    private String notes = "";

    Report(String scenario, String description, Instant when, List<String> variants,
            UnaryOperator<String> baselineOf) {
        this.scenario = scenario;
        this.baselineOf = baselineOf;
        this.description = description;
        this.when = when;
        this.variants = List.copyOf(variants);
        variants.forEach(v -> rounds.put(v, new ArrayList<>()));
    }

    void add(String variant, Measurement measurement) {
        rounds.get(variant).add(measurement);
    }

    /** The warm-up round of {@code variant}: not measured, but a loss or reordering in it fails the run too. */
    void warmUp(String variant, Measurement measurement) {
        if (!measurement.correctness().ok()) {
            failedWarmUps.put(variant, measurement.correctness());
        }
    }

    void parts(List<Scenario.Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The scenario's name. */
    public String scenario() {
        return scenario;
    }

    /** The variants, in the order they ran. */
    public List<String> variants() {
        return variants;
    }

    /** The scenario's last variant: the whole's, in a comparison with its parts. */
    public String rippleVariant() {
        return variants.get(variants.size() - 1);
    }

    /** What {@link Scenario.Session#parts} said: the parts' variants and how often each runs per event. */
    public List<Scenario.Part> parts() {
        return parts;
    }

    /** Median Ripple CPU seconds per event of {@code variant} over its rounds. */
    public double rippleCpuPerEvent(String variant) {
        return cpuPer1k(rounds.get(variant), true) / 1000;
    }

    void notes(String markdown) {
        this.notes = markdown == null ? "" : markdown;
    }

    /** Median events/s of a variant. */
    public double medianRate(String variant) {
        return median(rounds.get(variant).stream().mapToDouble(Measurement::rate).toArray());
    }

    /** Median rate of {@code variant} over its baseline's (the first variant, unless the scenario says otherwise). */
    public double ratio(String variant) {
        return medianRate(variant) / medianRate(baselineOf.apply(variant));
    }

    /** Whether every round of every variant passed its correctness check. */
    public boolean allCorrect() {
        return failedWarmUps.isEmpty()
                && rounds.values().stream().flatMap(List::stream).allMatch(m -> m.correctness().ok());
    }

    /** The Markdown table, one row per variant. */
    public String markdown() {
        StringBuilder md = new StringBuilder("### ").append(scenario).append("\n\n").append(description)
                .append("\n\n| variant | events/s (median) | ratio | p50 ms | p99 ms | p99.9 ms | ≤ 1 s "
                        + "| CPU s / 1k events (Ripple + broker) | lost | reordered | duplicates |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String variant : variants) {
            List<Measurement> ms = rounds.get(variant);
            Measurement.Latency latency = medianLatency(ms);
            md.append(String.format("| %s | %,.0f | %.2fx | %s | %s | %s | %s | %.3f + %.3f | %d | %d | %d |%n",
                    variant, medianRate(variant), ratio(variant), ms(latency == null ? null : latency.p50()),
                    ms(latency == null ? null : latency.p99()), ms(latency == null ? null : latency.p999()),
                    latency == null ? "–" : String.format("%.2f%%", 100 * latency.withinSecond()),
                    cpuPer1k(ms, true), cpuPer1k(ms, false), sum(ms, Correctness::lost),
                    sum(ms, Correctness::reordered), sum(ms, Correctness::duplicates)));
        }
        failedWarmUps.forEach((variant, c) -> md.append(String.format("%n**Warm-up of %s failed its check**: lost %d, "
                + "reordered %d, duplicates %d.%n", variant, c.lost(), c.reordered(), c.duplicates())));
        if (!notes.isBlank()) {
            md.append('\n').append(notes.strip()).append('\n');
        }
        return md.toString();
    }

    /** Writes {@code <scenario>-<time>.json} and {@code .md} into {@code dir}; returns the Markdown path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stem = scenario + "-" + when.toString().replace(":", "").replace(".", "");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", scenario);
        json.put("description", description);
        json.put("time", when.toString());
        json.put("all_correct", allCorrect());
        Map<String, Object> perVariant = new LinkedHashMap<>();
        for (String variant : variants) {
            perVariant.put(variant, Map.of("median_events_per_s", medianRate(variant), "ratio", ratio(variant),
                    "rounds", rounds.get(variant)));
        }
        json.put("variants", perVariant);
        json.put("failed_warm_ups", failedWarmUps);
        json.put("notes", notes);
        ObjectMapper mapper = EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(dir.resolve(stem + ".json").toFile(), json);
        Path md = dir.resolve(stem + ".md");
        Files.writeString(md, markdown());
        return md;
    }

    private static Measurement.Latency medianLatency(List<Measurement> ms) {
        List<Measurement.Latency> all = ms.stream().map(Measurement::latency).filter(l -> l != null).toList();
        if (all.isEmpty()) {
            return null;
        }
        return new Measurement.Latency(median(all.stream().mapToDouble(Measurement.Latency::p50).toArray()),
                median(all.stream().mapToDouble(Measurement.Latency::p99).toArray()),
                median(all.stream().mapToDouble(Measurement.Latency::p999).toArray()),
                median(all.stream().mapToDouble(Measurement.Latency::withinSecond).toArray()));
    }

    private static double cpuPer1k(List<Measurement> ms, boolean ripple) {
        return median(ms.stream().mapToDouble(m -> (ripple ? m.cpu().ripple() : m.cpu().broker()) * 1000.0
                / Math.max(1, m.events())).toArray());
    }

    private static long sum(List<Measurement> ms, ToLongFunction<Correctness> f) {
        return ms.stream().mapToLong(m -> f.applyAsLong(m.correctness())).sum();
    }

    private static String ms(Double value) {
        return value == null ? "–" : String.format("%.1f", value);
    }

    /** The median of {@code values} (left as they are); 0 when there are none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
