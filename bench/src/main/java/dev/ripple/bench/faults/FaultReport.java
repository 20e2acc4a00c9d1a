package dev.ripple.bench.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ripple.bench.Report;
import dev.ripple.consistency.history.AnomalyType;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fault run found: the faults and how long each took to recover, the load, whether every acknowledged write
 * was readable everywhere at the end, and the history checker's verdict.
 *
 * @param config the run's settings
 * @param when when the load started
 * @param elapsed how long the load ran
 * @param load what the sessions did
 * @param faults every fault injected, in order
 * @param unreadable acknowledged writes not readable at the end (key at read API); empty when converged
 * @param converged how long convergence took after the load stopped
 * @param check the history checker's report on every operation
 * @param probe what the harness's prober found ({@code --probe}); null without it
 */
public record FaultReport(FaultsConfig config, Instant when, Duration elapsed, SessionLoad.Counts load,
        List<Fault> faults, List<String> unreadable, Duration converged, CheckReport check, ProbeFindings probe) {
    public FaultReport {
        Objects.requireNonNull(config, "config");
        faults = List.copyOf(faults);
        unreadable = List.copyOf(unreadable);
        Objects.requireNonNull(check, "check");
    }

    /** A report without the harness's prober. */
    public FaultReport(FaultsConfig config, Instant when, Duration elapsed, SessionLoad.Counts load,
            List<Fault> faults, List<String> unreadable, Duration converged, CheckReport check) {
        this(config, when, elapsed, load, faults, unreadable, converged, check, null);
    }

    /**
     * Recovery of one kind of fault.
     *
     * @param injected how many were injected
     * @param recovered how many recovered within the timeout
     * @param medianS median recovery of those that recovered, seconds (0 when none)
     * @param maxS longest recovery of those that recovered, seconds (0 when none)
     */
    public record KindStats(int injected, int recovered, double medianS, double maxS) {}

    /** No anomaly, every fault recovered, and every acknowledged write readable everywhere at the end. */
    public boolean ok() {
        return check.ok() && unreadable.isEmpty() && faults.stream().allMatch(Fault::recovered);
    }

    /** Per kind injected, in {@link FaultKind} order: count, recovered, median and max recovery. */
    public Map<FaultKind, KindStats> byKind() {
        Map<FaultKind, KindStats> stats = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            List<Fault> of = faults.stream().filter(f -> f.kind() == kind).toList();
            if (!of.isEmpty()) {
                double[] seconds = of.stream().filter(Fault::recovered).mapToDouble(f -> f.recovery().toMillis()
                        / 1000.0).toArray();
                stats.put(kind, new KindStats(of.size(), seconds.length, Report.median(seconds),
                        Arrays.stream(seconds).max().orElse(0)));
            }
        }
        return stats;
    }

    /** The anomalies found, by code, only the types found. */
    public Map<String, Long> anomalies() {
        Map<String, Long> found = new LinkedHashMap<>();
        check.counts().forEach((type, count) -> {
            if (count > 0) {
                found.put(type.code(), count);
            }
        });
        return found;
    }

    /** The Markdown report: the settings, recovery per kind, every fault, the load and the check. */
    public String markdown() {
        StringBuilder md = new StringBuilder("### faults\n\n").append(String.format("`ripple up --processes "
                + "--instances %d` (regions: %s), %d sessions (batches of %d), a fault every %d s for %d s, "
                + "seed %d; faults: %s.%n", config.instances(), config.regions().isEmpty() ? "all"
                : String.join(", ", config.regions()), config.sessions(), config.batch(),
                config.faultInterval().toSeconds(), config.duration().toSeconds(), config.seed(),
                config.kinds().isEmpty() ? "none" : config.kinds().stream().sorted().map(FaultKind::code).toList()));
        if (!faults.isEmpty()) {
            md.append("| fault | injected | recovered | recovery median s | recovery max s |\n|---|---|---|---|---|\n");
            byKind().forEach((kind, s) -> md.append(String.format("| %s | %d | %d | %.1f | %.1f |%n", kind.code(),
                    s.injected(), s.recovered(), s.medianS(), s.maxS())));
            md.append("\n| at s | fault | target (pid) | held s | recovery s | replacement ready s |\n"
                    + "|---|---|---|---|---|---|\n");
            for (Fault f : faults) {
                md.append(String.format("| %.1f | %s | %s (%d) | %.1f | %s | %s |%n", f.atMs() / 1000.0, f.kind().code(),
                        f.target(), f.pid(), f.held().toMillis() / 1000.0, seconds(f.recovery()),
                        f.kind() != FaultKind.KILL ? "–" : f.replaced() == null ? "not ready"
                        : String.format("%.1f", f.replaced().toMillis() / 1000.0)));
            }
        }
        md.append(String.format("%n**Load**: %,d writes acknowledged, %,d failed; %,d reads served, %,d refused (409) "
                + "in %.0f s: %,.0f acknowledged writes/s, %,.0f operations/s.%n", load.writesOk(), load.writesFailed(),
                load.readsServed(), load.readsRefused(), elapsed.toMillis() / 1000.0, perSecond(load.writesOk()),
                perSecond(load.writesOk() + load.writesFailed() + load.readsServed() + load.readsRefused())));
        md.append(unreadable.isEmpty() ? String.format("**Convergence**: every acknowledged write readable from every "
                + "read API %.1f s after the load stopped.%n", converged.toMillis() / 1000.0)
                : String.format("**Convergence**: %d acknowledged write(s) not readable: %s%n", unreadable.size(),
                unreadable.subList(0, Math.min(10, unreadable.size()))));
        md.append(String.format("**History**: %,d operations checked, %s.%n", check.operations(),
                check.ok() ? "no anomaly" : "anomalies " + anomalies()));
        md.append(faults.isEmpty() ? "" : "\nRecovery: from the fault's clearing (the kill; SIGCONT; etcd healthy again; "
                + "the broker answering again; the added instance's exit) until every session had a write acknowledged "
                + "and read back with its token, and for a consumer group until the survivors owned every partition.\n");
        if (probe != null) {
            md.append(String.format("%nThe harness's prober's check budget: %,d reads/s.%n",
                    config.probeChecksPerSecond()));
            md.append(probe.markdown(faults));
        }
        return md.toString();
    }

    /** Writes {@code faults-<time>.json} and {@code .md} into {@code dir}; returns the Markdown path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stem = "faults-" + when.toString().replace(":", "").replace(".", "");
        ObjectMapper mapper = EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(dir.resolve(stem + ".json").toFile(), json());
        Path md = dir.resolve(stem + ".md");
        Files.writeString(md, markdown());
        return md;
    }

    private Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", "faults");
        json.put("time", when.toString());
        json.put("ok", ok());
        json.put("config", Map.of("seed", config.seed(), "duration_s", config.duration().toSeconds(),
                "fault_interval_s", config.faultInterval().toSeconds(), "instances", config.instances(),
                "regions", config.regions(), "sessions", config.sessions(), "batch", config.batch(),
                "faults", config.kinds().stream().sorted().map(FaultKind::code).toList(),
                "pause_s", config.pause().toSeconds(), "probe", config.probe()));
        json.put("load", Map.of("writes_ok", load.writesOk(), "writes_failed", load.writesFailed(),
                "reads_served", load.readsServed(), "reads_refused", load.readsRefused(),
                "elapsed_s", elapsed.toMillis() / 1000.0, "writes_ok_per_s", perSecond(load.writesOk())));
        Map<String, Object> kinds = new LinkedHashMap<>();
        byKind().forEach((kind, s) -> kinds.put(kind.code(), Map.of("count", s.injected(), "recovered",
                s.recovered(), "median_s", s.medianS(), "max_s", s.maxS())));
        json.put("recovery_by_kind", kinds);
        json.put("faults", faults.stream().map(f -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", f.kind().code());
            one.put("target", f.target());
            one.put("pid", f.pid());
            one.put("at_s", f.atMs() / 1000.0);
            one.put("held_s", f.held().toMillis() / 1000.0);
            one.put("recovery_s", f.recovered() ? f.recovery().toMillis() / 1000.0 : null);
            one.put("replacement_ready_s", f.replaced() == null ? null : f.replaced().toMillis() / 1000.0);
            return one;
        }).toList());
        json.put("unreadable", unreadable);
        json.put("converged_s", converged.toMillis() / 1000.0);
        Map<String, Long> anomalies = new LinkedHashMap<>();
        for (AnomalyType type : AnomalyType.values()) {
            anomalies.put(type.code(), check.count(type));
        }
        json.put("history", Map.of("operations", check.operations(), "ok", check.ok(), "anomalies", anomalies));
        if (probe != null) {
            json.put("probe", probe.json());
        }
        return json;
    }

    private double perSecond(long count) {
        return elapsed.isZero() ? 0 : count * 1000.0 / elapsed.toMillis();
    }

    private static String seconds(Duration duration) {
        return duration == null ? "not recovered" : String.format("%.1f", duration.toMillis() / 1000.0);
    }
}
