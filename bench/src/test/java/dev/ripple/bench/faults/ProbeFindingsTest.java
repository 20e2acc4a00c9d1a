package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.runtime.server.MetricSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeFindingsTest {
    private static final String REPORT = """
            {"sample_ratio": 1.0, "ladder_s": [0.1, 1.0], "window_s": 600, "samples": 1000000, "pending": 0,
             "skipped": {"budget": 0, "pending": 3},
             "rows": [
               {"region": "eqiad", "target": "replica", "within_s": 0.1, "judged": 1000000, "consistent": 990000},
               {"region": "eqiad", "target": "replica", "within_s": 1.0, "judged": 1000000, "consistent": 999990},
               {"region": "eqiad", "target": "purge/cache", "within_s": 1.0, "judged": 1000000,
                "consistent": 1000000},
               {"region": "codfw", "target": "replica", "within_s": 10.0, "judged": 5, "consistent": 0},
               {"region": "codfw", "target": "replica", "within_s": 60.0, "judged": 0, "consistent": 0}]}
            """;
    private static final String METRICS = """
            # HELP ripple_probe_checks_total Reads the prober sent
            # TYPE ripple_probe_checks_total counter
            ripple_probe_checks_total{outcome="consistent"} 2000000.0
            ripple_probe_checks_total{outcome="inconsistent"} 400000.0
            ripple_probe_checks_total{outcome="failed"} 100000.0
            ripple_probe_inconsistencies_total{hop="applier",region="eqiad",target="replica"} 7.0
            ripple_probe_inconsistencies_total{hop="read-api",region="eqiad",target="replica"} 3.0
            ripple_probe_inconsistencies_total{hop="purger",region="eqiad",target="purge/cache"} 0.0
            ripple_other_total 5.0
            """;

    @Test
    void shouldGiveNinesAndALowerBoundWhenEveryJudgedWriteWasServed() {
        ProbeFindings findings = findings(List.of(4L, 6L));

        assertThat(findings.rows()).extracting(ProbeFindings.Row::nines).containsExactly("2.00", "5.00", "≥ 6.0",
                "0.00", "–");
        assertThat(findings.rows().get(1).ratio()).isEqualTo(0.99999);
    }

    @Test
    void shouldCountLooksPerSampledWriteAndTheProbersCpuPerWrite() {
        ProbeFindings findings = findings(List.of(4L, 6L));

        assertThat(findings.looks()).isEqualTo(2_500_000);
        assertThat(findings.looksPerWrite()).isEqualTo(2.5);
        assertThat(findings.cpuMicrosPerWrite()).isEqualTo(42.0);
        assertThat(findings.checks()).containsEntry("failed", 100_000L);
        assertThat(findings.skipped()).isEqualTo(Map.of("pending", 3L)).as("reasons with none are left out");
        assertThat(findings.inconsistencies()).isEqualTo(Map.of("eqiad replica applier", 7L,
                "eqiad replica read-api", 3L));
    }

    @Test
    void shouldPrintTheTableTheCostAndTheInconsistenciesAfterEachFault() {
        Fault kill = new Fault(FaultKind.KILL, "replica eqiad #1", 11, 30_000, Duration.ZERO, Duration.ofSeconds(4),
                Duration.ofSeconds(12));
        Fault pause = new Fault(FaultKind.REDIS_PAUSE, "redis", 12, 60_000, Duration.ofSeconds(5),
                Duration.ofSeconds(2), null);
        FaultsConfig config = new FaultsConfig(Duration.ofSeconds(90), Duration.ofSeconds(30), 7,
                Set.of(FaultKind.KILL, FaultKind.REDIS_PAUSE), 2, List.of("eqiad"), 6, 100, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Path.of("out"), true, 5000, null);
        FaultReport report = new FaultReport(config, Instant.EPOCH, Duration.ofSeconds(90),
                new SessionLoad.Counts(1_000_000, 0, 10_000, 0), List.of(kill, pause), List.of(), Duration.ZERO,
                HistoryChecker.create().check(History.of(List.of())), findings(List.of(4L, 6L)));

        assertThat(report.markdown()).contains("1,000,000 sampled writes",
                "| eqiad | replica | 0.1 | 1,000,000 | 990,000 | 0.990000 | 2.00 |",
                "| eqiad | purge/cache | 1 | 1,000,000 | 1,000,000 | 1.000000 | ≥ 6.0 |",
                "2,500,000 looks, 2.50 per sampled write (consistent 2,000,000, failed 100,000, inconsistent "
                        + "400,000)", "skipped: pending 3",
                "inconsistencies: eqiad replica applier 7, eqiad replica read-api 3",
                "check budget: 5,000 reads/s", "42.0 CPU s, 42.0 µs per sampled write; RSS 300 MiB at the end, 400 MiB at most",
                "1 before the first; kill replica eqiad #1 at 30 s: 4; redis-pause redis at 60 s: 6.");
    }

    private static ProbeFindings findings(List<Long> afterFault) {
        JsonNode report = LoadClient.json(REPORT);
        return ProbeFindings.of(report, MetricSample.parseAll(METRICS), afterFault, 1, 42.0, 300L << 20, 400L << 20);
    }
}
