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
 * {@code ripple bench faults}, short: the production shape with two instances of every part under six sessions for
 * 80 s, with seed 49's faults every 15 s: a kill -9 of a replica instance (its replacement takes 20-30 s to start on
 * a 2-core machine, which delays the next fault), an etcd restart, then a Redis pause and more if time is left.
 */
class FaultsBenchIT {

    @Test
    void shouldRecoverFromEveryFaultLoseNoAcknowledgedWriteAndFindNoAnomaly(@TempDir Path out) throws Exception {
        CommandRun run = BenchCli.ripple("bench", "faults", "--duration-s", "80", "--fault-interval-s", "15",
                "--seed", "49", "--out", out.toString());

        // then it exits 0 and prints the report
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("### faults", "| kill | replica eqiad #2 (", "no anomaly",
                "every acknowledged write readable").containsPattern("\\| kill \\| (\\d) \\| \\1 \\|");
        // and the JSON report says so too: operations checked, no anomaly, at least one fault recovered
        JsonNode report = new ObjectMapper().readTree(json(out).toFile());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.at("/history/operations").asInt()).isGreaterThan(100);
        assertThat(report.at("/history/anomalies")).allSatisfy(count -> assertThat(count.asLong()).isZero());
        assertThat(report.get("faults")).anySatisfy(fault -> assertThat(fault.get("recovery_s").isNumber())
                .isTrue());
        assertThat(report.at("/recovery_by_kind/kill/recovered").asInt()).isPositive()
                .isEqualTo(report.at("/recovery_by_kind/kill/count").asInt());
    }

    @Test
    void shouldTakeAnAddedInstanceInAndLetItGoUnderLoad(@TempDir Path out) throws Exception {
        CommandRun run = BenchCli.ripple("bench", "faults", "--faults", "scale", "--duration-s", "40",
                "--fault-interval-s", "15", "--seed", "3", "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("| scale |", "no anomaly").containsPattern("\\| scale \\| \\S+ .*#3 \\(");
        JsonNode report = new ObjectMapper().readTree(json(out).toFile());
        assertThat(report.at("/recovery_by_kind/scale/recovered").asInt()).isPositive()
                .isEqualTo(report.at("/recovery_by_kind/scale/count").asInt());
        assertThat(report.at("/history/anomalies")).allSatisfy(count -> assertThat(count.asLong()).isZero());
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
