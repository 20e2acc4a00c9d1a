package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.testsupport.CommandRun;
import java.io.IOException;
import java.nio.file.Path;
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
        BenchReports.assertEveryRoundCorrect(out, 3);
    }

    @Test
    void shouldAnswerEveryReadWithATokenAndUnderAConitGate(@TempDir Path out) throws IOException {
        CommandRun run = BenchCli.ripple("bench", "read", "--events", "300", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| read over HTTP, no token |", "| read over HTTP, covering session token |",
                "| read over HTTP, key under a gate-reads conit within bounds |");
        BenchReports.assertEveryRoundCorrect(out, 3);
    }

    @Test
    void shouldListBothScenariosInTheHelp() {
        CommandRun run = BenchCli.ripple("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^  replica-store +\\S").containsPattern("(?m)^  read +\\S");
    }
}
