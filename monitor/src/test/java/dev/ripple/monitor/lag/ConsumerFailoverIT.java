package dev.ripple.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of one member of a Ripple consumer group (issue 19): with the settings every part's consumer gets
 * from {@code KafkaClients}, its partitions belong to the survivor within 10 s, not after Kafka's 45 s session.
 */
@ExtendWith(KafkaExtension.class)
class ConsumerFailoverIT {
    private static final Logger log = LoggerFactory.getLogger(ConsumerFailoverIT.class);
    private static final Duration PROMISE = Duration.ofSeconds(10);

    @Test
    void shouldGiveAKilledMembersPartitionsToTheSurvivorWithinTenSeconds(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        try (FailoverFixture fixture = new FailoverFixture(kafka.bootstrapServers(), "failover");
             GroupMember survivor = GroupMember.start(kafka.bootstrapServers(), fixture.group, fixture.topic)) {
            // given two members of a group sharing six partitions while records arrive, one of them in its own JVM
            fixture.keepWriting(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(30)).until(() -> survivor.owned().size() == FailoverFixture.PARTITIONS);
            Process victim = fixture.launchMember(dir.resolve("victim.log"));
            fixture.awaitStable(2, Duration.ofSeconds(60));
            assertThat(survivor.owned()).hasSize(FailoverFixture.PARTITIONS / 2);

            // when the other member is killed with SIGKILL
            long killed = FailoverFixture.kill(victim);
            Map<Integer, Long> atKill = fixture.committed();

            // then the survivor owns all six partitions within 10 s
            await().atMost(PROMISE).pollInterval(Duration.ofMillis(20))
                    .until(() -> survivor.owned().size() == FailoverFixture.PARTITIONS);
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            log.info("Failover: the survivor owned every partition {} ms after the kill", took.toMillis());
            assertThat(took).isLessThanOrEqualTo(PROMISE);
            // and the group is stable again with it alone, consuming every partition
            fixture.awaitStable(1, Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fixture.committed())
                    .hasSize(FailoverFixture.PARTITIONS).allSatisfy((partition, offset) ->
                            assertThat(offset).isGreaterThan(atKill.getOrDefault(partition, -1L))));
        }
    }
}
