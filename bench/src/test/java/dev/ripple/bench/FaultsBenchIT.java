package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.testsupport.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ripple bench faults}, short: the production shape with two instances of every part under six sessions, with
 * every fault kind but the broker's (BrokerOutageIT has it) on one stack: seed 59125 draws a Redis pause, a scale-out
 * and -in of {@code replica eqiad} (a third instance joins its group under load, then leaves with SIGTERM), an etcd
 * restart, then a kill -9 of {@code replica eqiad #2} (its replacement takes 20-30 s to start on a 2-core machine),
 * and after it only etcd restarts and Redis pauses, which are over in seconds. The faults follow each other 5 s
 * apart; the kill is drawn by about 45 s on an idle machine and by about 80 s on a loaded one (where the scale-out
 * alone took 48 s), well within the 100 s.
 */
class FaultsBenchIT {

    @Test
    void shouldRecoverFromEveryFaultKindLoseNoAcknowledgedWriteAndFindNoAnomaly(@TempDir Path out) throws Exception {
        CommandRun run = BenchCli.ripple("bench", "faults", "--faults", "kill,redis-pause,etcd-restart,scale",
                "--duration-s", "100", "--fault-interval-s", "5", "--seed", "59125", "--out", out.toString());

        // then it exits 0 and prints the report
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("### faults", "| kill | replica eqiad #2 (", "no anomaly",
                "every acknowledged write readable").containsPattern("\\| kill \\| (\\d) \\| \\1 \\|")
                .containsPattern("\\| scale \\| replica eqiad #3 \\(");
        // and the JSON report says so too: operations checked, no anomaly, every fault of every kind recovered
        JsonNode report = new ObjectMapper().readTree(json(out).toFile());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.at("/history/operations").asInt()).isGreaterThan(100);
        assertThat(report.at("/history/anomalies")).allSatisfy(count -> assertThat(count.asLong()).isZero());
        assertThat(report.get("faults")).allSatisfy(fault -> assertThat(fault.get("recovery_s").isNumber())
                .isTrue());
        for (String kind : new String[] {"kill", "scale", "etcd-restart", "redis-pause"}) {
            assertThat(report.at("/recovery_by_kind/" + kind + "/recovered").asInt()).as(kind).isPositive()
                    .isEqualTo(report.at("/recovery_by_kind/" + kind + "/count").asInt());
        }
    }

    @Test
    void shouldRefuseASingleInstanceAnUnknownFaultOrNoScenarioBeforeStartingAnything() {
        assertThat(BenchCli.ripple("bench", "faults", "--instances", "1").err())
                .contains("Invalid value 1 for --instances", "twin");
        assertThat(BenchCli.ripple("bench", "faults", "--faults", "kill,flood").err())
                .contains("Unknown fault 'flood'", "redis-pause");
        assertThat(BenchCli.ripple("bench", "faults", "--duration-s", "10").err())
                .contains("Invalid value 10 for --duration-s");
        assertThat(BenchCli.ripple("bench").err()).contains("Name a scenario", "ripple bench faults");
        assertThat(BenchCli.ripple("bench", "--help").out()).contains("faults");
    }

    private static Path json(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("faults-.*\\.json")).findFirst()
                    .orElseThrow();
        }
    }
}
