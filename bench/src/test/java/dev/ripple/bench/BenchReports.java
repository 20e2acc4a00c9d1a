package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks of the JSON report a {@code ripple bench} run writes under {@code --out}. */
final class BenchReports {
    private BenchReports() {}

    /** The JSON report has {@code variants} variants with 3 rounds each, every one without loss or reordering. */
    static void assertEveryRoundCorrect(Path out, int variants) throws IOException {
        Path json;
        try (Stream<Path> files = Files.list(out)) {
            json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("all_correct").asBoolean()).isTrue();
        assertThat(report.get("variants").size()).isEqualTo(variants);
        for (JsonNode variant : report.get("variants")) {
            JsonNode rounds = variant.get("rounds");
            assertThat(rounds.size()).isEqualTo(3);
            for (JsonNode round : rounds) {
                JsonNode correctness = round.get("correctness");
                assertThat(correctness.get("expected").asLong()).isPositive();
                assertThat(correctness.get("delivered").asLong()).isEqualTo(correctness.get("expected").asLong());
                assertThat(correctness.get("reordered").asLong()).isZero();
            }
        }
    }
}
