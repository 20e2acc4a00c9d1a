package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.testsupport.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's scenarios, run small: each must exit 0, print every variant and apply or answer every record. */
class ReplicaBenchIT {

    @Test
    void shouldApplyEveryRecordThroughTheStoreAndTheApplierAgainstPipelinedHset(@TempDir Path out)
            throws IOException {
        CommandRun run = BenchCli.ripple("bench", "replica-store", "--events", "2000", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| pipelined HSET of the same fields, plain Lettuce, 1,000 in flight |",
                "| ReplicaStore.apply, batches of 200, 1 in flight per partition |",
                "| replica applier, preloaded region topic |");
        assertEveryRoundComplete(out, 3);
    }

    @Test
    void shouldAnswerEveryReadWithATokenAndUnderAConitGate(@TempDir Path out) throws IOException {
        CommandRun run = BenchCli.ripple("bench", "read", "--events", "300", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| read over HTTP, no token |", "| read over HTTP, covering session token |",
                "| read over HTTP, key under a gate-reads conit within bounds |");
        assertEveryRoundComplete(out, 3);
    }

    /** The JSON report has {@code variants} variants of 3 rounds each, every round with nothing missing. */
    private static void assertEveryRoundComplete(Path out, int variants) throws IOException {
        Path json;
        try (Stream<Path> files = Files.list(out)) {
            json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("all_correct").asBoolean()).isTrue();
        assertThat(report.get("variants").size()).isEqualTo(variants);
        for (JsonNode variant : report.get("variants")) {
            assertThat(variant.get("rounds").size()).isEqualTo(3);
            for (JsonNode round : variant.get("rounds")) {
                JsonNode correctness = round.get("correctness");
                assertThat(correctness.get("delivered").asLong()).isEqualTo(correctness.get("expected").asLong())
                        .isPositive();
            }
        }
    }
}
