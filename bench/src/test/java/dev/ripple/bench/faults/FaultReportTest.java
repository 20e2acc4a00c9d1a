package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultReportTest {
    private static final FaultsConfig CONFIG = new FaultsConfig(Duration.ofSeconds(90), Duration.ofSeconds(30), 7,
            Set.of(FaultKind.KILL, FaultKind.REDIS_PAUSE), 2, List.of("eqiad"), 6, 1, Duration.ofSeconds(5),
            Duration.ofSeconds(60), Path.of("out"));

    @Test
    void shouldGiveTheMedianAndMaxRecoveryPerKindAndFailWhenAFaultDidNotRecover() {
        FaultReport report = report(List.of(
                kill("replica eqiad #1", 4_000), kill("propagator #2", 9_000), kill("producer #1", 1_000),
                new Fault(FaultKind.REDIS_PAUSE, "redis", 3, 60_000, Duration.ofSeconds(5), null, null)));

        assertThat(report.byKind().get(FaultKind.KILL)).isEqualTo(new FaultReport.KindStats(3, 3, 4.0, 9.0));
        assertThat(report.byKind().get(FaultKind.REDIS_PAUSE)).isEqualTo(new FaultReport.KindStats(1, 0, 0, 0));
        assertThat(report.byKind()).doesNotContainKey(FaultKind.ETCD_RESTART);
        assertThat(report.ok()).isFalse();
        assertThat(report.markdown()).contains("| kill | 3 | 3 | 4.0 | 9.0 |", "| redis-pause | 1 | 0 |",
                "| 60.0 | redis-pause | redis (3) | 5.0 | not recovered | – |", "no anomaly", "seed 7");
    }

    @Test
    void shouldReportABrokerRestartWithItsDowntimeAndRecoveryAndNoReplacement() {
        FaultReport report = report(List.of(kill("producer #2", 3_000),
                new Fault(FaultKind.BROKER_RESTART, "kafka", 9, 45_000, Duration.ofMillis(21_400),
                        Duration.ofMillis(12_300), null)));

        assertThat(report.byKind().get(FaultKind.BROKER_RESTART)).isEqualTo(new FaultReport.KindStats(1, 1, 12.3,
                12.3));
        assertThat(report.ok()).isTrue();
        assertThat(report.markdown()).contains("| broker-restart | 1 | 1 | 12.3 | 12.3 |",
                "| 45.0 | broker-restart | kafka (9) | 21.4 | 12.3 | – |", "the broker answering again");
        assertThat(report.markdown().indexOf("| kill | 1 |")).as("kinds in FaultKind order")
                .isLessThan(report.markdown().indexOf("| broker-restart | 1 |"));
    }

    @Test
    void shouldPassWhenEveryFaultRecoveredNothingIsUnreadableAndTheHistoryIsClean() {
        assertThat(report(List.of(kill("purger eqiad #2", 2_500))).ok()).isTrue();
    }

    @Test
    void shouldGiveTheThroughputOfTheLoad() {
        // 1000 acknowledged and 2 failed writes, 990 reads served and 3 refused, in 90 s
        assertThat(report(List.of()).markdown()).contains("11 acknowledged writes/s, 22 operations/s");
    }

    @Test
    void shouldRunOneInstanceOfEachPartOnlyWithoutKills() {
        FaultsConfig baseline = new FaultsConfig(Duration.ofSeconds(90), Duration.ofSeconds(30), 7, Set.of(), 1,
                List.of("eqiad"), 6, 1, Duration.ofSeconds(5), Duration.ofSeconds(60), Path.of("out"));

        assertThat(new FaultReport(baseline, Instant.EPOCH, Duration.ofSeconds(90), new SessionLoad.Counts(0, 0, 0,
                0), List.of(), List.of(), Duration.ZERO, HistoryChecker.create().check(History.of(List.of())))
                .markdown()).contains("--instances 1", "faults: none");
        assertThatThrownBy(() -> new FaultsConfig(Duration.ofSeconds(90), Duration.ofSeconds(30), 7,
                Set.of(FaultKind.KILL), 1, List.of(), 6, 1, Duration.ofSeconds(5), Duration.ofSeconds(60),
                Path.of("out"))).hasMessageContaining("use 2 to 9", "twin", "without kill");
        assertThatThrownBy(() -> new FaultsConfig(Duration.ofSeconds(90), Duration.ofSeconds(30), 7,
                Set.of(FaultKind.SCALE), 1, List.of(), 6, 1, Duration.ofSeconds(5), Duration.ofSeconds(60),
                Path.of("out"))).hasMessageContaining("use 2 to 9", "scale");
    }

    @Test
    void shouldNameTheConsumerGroupOfEachPartInstance() {
        assertThat(Recovery.groupOf("replica codfw #2")).isEqualTo("ripple-replica-codfw");
        assertThat(Recovery.groupOf("purger eqiad #1")).isEqualTo("ripple-purger-eqiad");
        assertThat(Recovery.groupOf("propagator #1")).isEqualTo("ripple-propagator");
        assertThat(Recovery.groupOf("producer #1")).isNull();
        assertThat(Recovery.groupOf("conits track #2")).isNull();
    }

    private static Fault kill(String target, long recoveryMs) {
        return new Fault(FaultKind.KILL, target, 1, 30_000, Duration.ZERO, Duration.ofMillis(recoveryMs),
                Duration.ofSeconds(12));
    }

    private static FaultReport report(List<Fault> faults) {
        return new FaultReport(CONFIG, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(90),
                new SessionLoad.Counts(1000, 2, 990, 3), faults, List.of(), Duration.ofSeconds(1),
                HistoryChecker.create().check(History.of(List.of())));
    }
}
