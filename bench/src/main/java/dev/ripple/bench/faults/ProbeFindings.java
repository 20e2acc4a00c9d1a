package dev.ripple.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.runtime.server.MetricSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the harness's own prober ({@code --probe}) found over a fault run, and what it cost.
 *
 * @param rows per region, target and delay, the pairs judged and served since the prober started
 * @param samples sampled writes ({@code ripple_probe_samples_total})
 * @param checks reads sent, by outcome ({@code ripple_probe_checks_total})
 * @param skipped samples or looks left out, by reason; only the reasons with any
 * @param inconsistencies recorded, by {@code region target hop}; only those with any
 * @param afterFault inconsistencies recorded from each fault's injection to the next one's (or the end), in the
 *     order of the run's faults
 * @param beforeFaults inconsistencies recorded before the first fault
 * @param cpuSeconds CPU (user + system) of the prober process from the load's start to the last scrape
 * @param rssBytes its resident memory at the end
 * @param peakRssBytes its largest resident memory
 */
public record ProbeFindings(List<Row> rows, long samples, Map<String, Long> checks, Map<String, Long> skipped,
        Map<String, Long> inconsistencies, List<Long> afterFault, long beforeFaults, double cpuSeconds,
        long rssBytes, long peakRssBytes) {
    public ProbeFindings {
        rows = List.copyOf(rows);
        checks = Map.copyOf(checks);
        skipped = Map.copyOf(skipped);
        inconsistencies = Map.copyOf(inconsistencies);
        afterFault = List.copyOf(afterFault);
    }

    /**
     * One region, target and delay.
     *
     * @param judged pairs (sampled write, target) judged at this delay
     * @param served of those, served at the write's revision or later within it
     */
    public record Row(String region, String target, double withinS, long judged, long served) {
        public Row {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(target, "target");
        }

        /** served / judged; 0 when none was judged. */
        public double ratio() {
            return judged == 0 ? 0 : (double) served / judged;
        }

        /**
         * {@code -log10(1 - ratio)} to two places, or {@code ≥ log10(judged)} (to one) when every judged pair was
         * served: that many pairs can show no more; {@code –} when none was judged.
         */
        public String nines() {
            if (judged == 0) {
                return "–";
            }
            if (served == judged) {
                return String.format("≥ %.1f", Math.log10(judged));
            }
            return String.format("%.2f", 0.0 - Math.log10(1 - ratio()));
        }
    }

    /**
     * Reads the findings from the prober's {@code /api/probe} report and its {@code /metrics}; the rest as measured.
     */
    static ProbeFindings of(JsonNode report, List<MetricSample> metrics, List<Long> afterFault, long beforeFaults,
            double cpuSeconds, long rssBytes, long peakRssBytes) {
        List<Row> rows = new ArrayList<>();
        report.path("rows").forEach(r -> rows.add(new Row(r.path("region").asText(), r.path("target").asText(),
                r.path("within_s").asDouble(), r.path("judged").asLong(), r.path("consistent").asLong())));
        Map<String, Long> skipped = new TreeMap<>();
        report.path("skipped").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                skipped.put(e.getKey(), e.getValue().asLong());
            }
        });
        Map<String, Long> checks = new TreeMap<>();
        Map<String, Long> inconsistencies = new TreeMap<>();
        for (MetricSample sample : metrics) {
            Map<String, String> labels = sample.labels();
            long value = (long) sample.value();
            if (sample.name().equals("ripple_probe_checks_total")) {
                checks.merge(labels.get("outcome"), value, Long::sum);
            } else if (sample.name().equals("ripple_probe_inconsistencies_total") && value > 0) {
                inconsistencies.merge(labels.get("region") + " " + labels.get("target") + " " + labels.get("hop"),
                        value, Long::sum);
            }
        }
        return new ProbeFindings(rows, report.path("samples").asLong(), checks, skipped, inconsistencies,
                afterFault, beforeFaults, cpuSeconds, rssBytes, peakRssBytes);
    }

    /** Every read sent, whatever its outcome. */
    public long looks() {
        return checks.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads per sampled write; 0 without samples. */
    public double looksPerWrite() {
        return samples == 0 ? 0 : (double) looks() / samples;
    }

    /** The prober's CPU per sampled write, microseconds; 0 without samples. */
    public double cpuMicrosPerWrite() {
        return samples == 0 ? 0 : cpuSeconds * 1e6 / samples;
    }

    /** The Markdown section: the nines table, then the prober's looks, skips, inconsistencies and cost. */
    public String markdown(List<Fault> faults) {
        StringBuilder md = new StringBuilder(String.format("%n**Freshness nines** (`ripple probe --sample 1`, its "
                + "own process): %,d sampled writes.%n%n| region | target | within s | judged | served | ratio | "
                + "nines |%n|---|---|---|---|---|---|---|%n", samples));
        for (Row row : rows) {
            md.append(String.format("| %s | %s | %s | %,d | %,d | %.6f | %s |%n", row.region(), row.target(),
                    trim(row.withinS()), row.judged(), row.served(), row.ratio(), row.nines()));
        }
        md.append(String.format("%n**Prober**: %,d looks, %.2f per sampled write (%s); skipped: %s; "
                + "inconsistencies: %s.%n", looks(), looksPerWrite(), counts(checks), counts(skipped),
                counts(inconsistencies)));
        md.append(String.format("**Prober cost**: %.1f CPU s, %.1f µs per sampled write; RSS %d MiB at the end, "
                + "%d MiB at most.%n", cpuSeconds, cpuMicrosPerWrite(), rssBytes >> 20, peakRssBytes >> 20));
        if (!faults.isEmpty() && faults.size() == afterFault.size()) {
            md.append(String.format("**Inconsistencies by fault** (recorded from its injection to the next; a write "
                    + "is recorded at each delay from 1 s it is still not served, so up to a minute late): "
                    + "%,d before the first", beforeFaults));
            for (int i = 0; i < faults.size(); i++) {
                Fault f = faults.get(i);
                md.append(String.format("; %s %s at %.0f s: %,d", f.kind().code(), f.target(), f.atMs() / 1000.0,
                        afterFault.get(i)));
            }
            md.append(".\n");
        }
        return md.toString();
    }

    /** The JSON form, for the report's {@code probe} field. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", samples);
        json.put("rows", rows.stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("region", r.region());
            one.put("target", r.target());
            one.put("within_s", r.withinS());
            one.put("judged", r.judged());
            one.put("served", r.served());
            one.put("ratio", r.ratio());
            one.put("nines", r.nines());
            return one;
        }).toList());
        json.put("checks", new TreeMap<>(checks));
        json.put("looks_per_write", looksPerWrite());
        json.put("skipped", new TreeMap<>(skipped));
        json.put("inconsistencies", new TreeMap<>(inconsistencies));
        json.put("inconsistencies_before_faults", beforeFaults);
        json.put("inconsistencies_after_fault", afterFault);
        json.put("cpu_s", cpuSeconds);
        json.put("cpu_us_per_write", cpuMicrosPerWrite());
        json.put("rss_bytes", rssBytes);
        json.put("peak_rss_bytes", peakRssBytes);
        return json;
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : String.join(", ", counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).toList());
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
