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

/** {@code ripple bench idle}, short: an idle {@code ripple up} and the bare broker and Redis, measured side by side. */
class IdleBenchIT {

    @Test
    void shouldStartUpAndTheBaselineAndReportWhatRippleAdds(@TempDir Path out) throws Exception {
        CommandRun run = BenchCli.ripple("bench", "idle", "--warmup-s", "0", "--duration-s", "3", "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| ripple up |", "| baseline: broker + Redis |", "**Ripple adds**");
        JsonNode report;
        try (Stream<Path> files = Files.list(out)) {
            report = new ObjectMapper().readTree(files.filter(f -> f.getFileName().toString().startsWith("idle-")
                    && f.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
        }
        // up runs the broker and Redis too, and every part beside them: more threads, and both used some CPU
        assertThat(report.at("/up/threads").asInt()).isGreaterThan(report.at("/baseline/threads").asInt());
        assertThat(report.at("/up/jvmPct").asDouble()).isPositive();
        assertThat(report.at("/baseline/jvmPct").asDouble()).isPositive();
        assertThat(report.at("/up/busiest")).isNotEmpty();
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThat(BenchCli.ripple("bench", "idle", "--duration-s", "0").err()).contains("--duration-s");
    }
}
