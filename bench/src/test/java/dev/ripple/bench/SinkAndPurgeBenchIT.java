package dev.ripple.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.CacheKeys;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.testsupport.CommandRun;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of issue 11 that send to a local server or purge: run small, each must exit 0 (nothing lost or
 * reordered), print both variants and write a JSON report holding every round of each, all correct.
 */
class SinkAndPurgeBenchIT {

    @Test
    void shouldReplicateToAnHttpSinkAgainstARawConsumerAtSaturationAndAtAFixedRateLosingNothing(@TempDir Path out)
            throws IOException {
        CommandRun run = BenchCli.ripple("bench", "http-sink", "--events", "600", "--rate", "300", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| raw consumer → PUT, 4 connections, saturation |",
                "| replica applier → HTTP target, saturation |", "| raw consumer → PUT, 4 connections, 300/s |",
                "| replica applier → HTTP target, 300/s |").doesNotContain("Infinity");
        BenchReports.assertEveryRoundCorrect(out, 4);
    }

    @Test
    void shouldPurgeRedisKeysThroughThePurgerAgainstPipelinedUnlinkLeavingNoKey(@TempDir Path out)
            throws IOException {
        CommandRun run = BenchCli.ripple("bench", "purge-redis", "--events", "2000", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| pipelined UNLINK, plain Lettuce, batches of 1,000 |",
                "| purger, Redis target (tombstone + UNLINK) |");
        BenchReports.assertEveryRoundCorrect(out, 2);
    }

    @Test
    @ExtendWith(RedisExtension.class)
    void shouldPurgeOnARedisOfTheUsersOwnWhenGivenOne(RedisProcess redis, @TempDir Path out) throws IOException {
        CommandRun run = BenchCli.ripple("bench", "purge-redis", "--events", "2000", "--redis", redis.uri(), "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        BenchReports.assertEveryRoundCorrect(out, 2);
        // the purger's tombstones went to the Redis given, not to an embedded one: round 1's first key has one
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().zrange(CacheKeys.TOMBSTONES, 0, -1))
                    .anyMatch(bucket -> connection.sync().hexists(bucket, "pr1r1:k0"));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void shouldPurgeUrlsThroughThePurgerAgainstFourConnectionsEachUrlReceivedOnce(@TempDir Path out)
            throws IOException {
        CommandRun run = BenchCli.ripple("bench", "purge-http", "--events", "500", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| 4 persistent connections sending PURGE in a loop |",
                "| purger, HTTP target, one node |");
        BenchReports.assertEveryRoundCorrect(out, 2);
    }

    @Test
    void shouldListEveryScenarioWithOneLineInTheHelp() {
        CommandRun run = BenchCli.ripple("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^  http-sink +\\S").containsPattern("(?m)^  purge-redis +\\S")
                .containsPattern("(?m)^  purge-http +\\S").containsPattern("(?m)^  e2e +\\S");
    }
}
