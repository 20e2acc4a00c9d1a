package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.testsupport.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end, on small rounds: tables printed, files written, correctness checked. */
class BenchCommandIT {

    @Test
    void shouldMeasureTheIntakeAgainstRawKafkaAndFindNothingLostOrReordered(@TempDir Path out) throws Exception {
        CommandRun run = BenchCli.ripple("bench", "intake", "--events", "1000", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| raw KafkaProducer |", "| HTTP intake, batches of 100, 32 connections |",
                "| trivial handler (201, no work), 1 event per POST, 64 connections |",
                "| HTTP intake, 1 event per POST, 64 connections |");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".json"))
                    .anyMatch(n -> n.endsWith(".md"));
        }
    }

    @Test
    void shouldLeaveEveryBenchmarkClassOutOfTheProductionJar() throws Exception {
        Path jar = Path.of("..", "cli", "target", "ripple.jar");
        assertThat(jar).as("cli's package phase runs before this module's tests").exists();

        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).contains("dev/ripple/cli/Main.class")
                    .noneMatch(name -> name.startsWith("dev/ripple/bench/"));
        }
    }

    @Test
    void shouldCheckAGeneratedHistoryCleanAndRefuseTooFewRoundsABadRedisOrAnUnknownScenario(@TempDir Path out) {
        CommandRun run = BenchCli.ripple("bench", "checker", "--events", "2000", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("read + HistoryChecker");

        assertThat(BenchCli.ripple("bench", "checker", "--rounds", "1").err()).contains("at least 3 rounds");
        assertThat(BenchCli.ripple("bench", "purge-redis", "--redis", "localhost:6379").err())
                .contains("Invalid value 'localhost:6379' for --redis", "redis://127.0.0.1:6379");
        assertThat(BenchCli.ripple("bench", "nope").err()).contains("Unknown scenario 'nope'", "intake", "checker",
                "propagate", "e2e");
    }

    @Test
    void shouldRunThePropagatorAgainstBothPassThroughTopologiesAndLoseOrReorderNothing(@TempDir Path out) {
        CommandRun run = BenchCli.ripple("bench", "propagate", "--events", "500", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| pass-through Streams topology |", "| propagator (3 regions, 1 rule) |",
                "| fan-out pass-through (propagator's writes) |", "**Ratios**", "**Written per source event**",
                "| replicate.eqiad | 1.0", "| latest.edits | 1.000 |").doesNotContain("Infinity", "NaN");
    }

    @Test
    void shouldFindTheSaturationThenTimeEventsUntilAppliedAndPurgedEverywhereAgainstARawRoundTrip(
            @TempDir Path out) {
        CommandRun run = BenchCli.ripple("bench", "e2e", "--events", "100", "--out", out.toString());

        // exit 0: nothing lost or reordered in any round, nor served older than its write
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| raw producer → consumer |", "| intake → applied and purged in 3 regions |",
                "**Saturation**", "50% of the sustained saturation rate", "**Latency by stage**", "**Goals**")
                .doesNotContain("Infinity", "NaN");
    }

    @Test
    void shouldStepBatchesUpThenHoldTheBestRateAndCompareItsCpuPerEventWithThePartsRunBesideIt(@TempDir Path out) {
        CommandRun run = BenchCli.ripple("bench", "e2e,purge-redis", "--sustained", "--step-s", "1", "--steps", "2",
                "--hold-s", "3", "--events", "500", "--out", out.toString());

        // exit 0: no event of the warm-up, the steps or the hold lost or reordered
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("step 1 ", "hold 3 ");
        assertThat(run.out()).contains("**Sustained**", "**Held**", "### purge-redis",
                "### CPU per event: e2e against its parts", "| purge-redis | purger, Redis target",
                "| intake | HTTP intake, batches of 100, 32 connections: not run |", "**Ratio**", "parts not run, so the sum is too low: intake, propagate, replica-store.")
                .doesNotContain("Infinity", "NaN");
        assertThat(BenchCli.ripple("bench", "intake", "--sustained").err()).contains("--sustained is a mode of e2e");
    }
}
