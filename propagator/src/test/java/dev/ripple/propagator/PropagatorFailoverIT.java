package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of one of two propagator instances while events arrive (issue 19): the survivor owns the dead
 * one's tasks within 10 s (the group's 6 s session), then resumes them from their standbys once the dead instance's
 * open transaction is aborted; and exactly-once holds throughout.
 */
@ExtendWith(KafkaExtension.class)
class PropagatorFailoverIT {
    private static final Logger log = LoggerFactory.getLogger(PropagatorFailoverIT.class);

    @Test
    void shouldHandAKilledInstancesTasksToTheSurvivorWithinTenSecondsAndStillDeliverEveryEventOnce(
            EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        ExactlyOnceFixture fixture = new ExactlyOnceFixture(kafka.bootstrapServers(), "eo-failover");
        Path log = Files.createTempFile(dir, "propagator-process", ".log");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             ConfigStore store = ItSupport.store(ExactlyOnceFixture.config());
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator survivor = Propagator.create(PropagatorProcess.config(kafka.bootstrapServers(),
                     fixture.topics, fixture.applicationId, dir.resolve("survivor")), view, Clock.systemUTC())) {
            // given two instances sharing the six tasks, one in a JVM of its own, while the events are published
            CompletableFuture<Map<TopicPartition, Long>> published = new CompletableFuture<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try {
                    published.complete(fixture.publishAll());
                } catch (Throwable e) {
                    failed.set(e);
                    published.completeExceptionally(e);
                }
            }, "publisher");
            Process victim = PropagatorProcess.launch(kafka.bootstrapServers(), fixture.topics,
                    fixture.applicationId, dir.resolve("victim"), log);
            try {
                survivor.start();
                Map<String, Set<Integer>> before = awaitMembers(admin, fixture.applicationId, 2);
                publisher.start();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> fixture.committed() >= 20_000);

                // when one instance is killed with SIGKILL
                victim.destroyForcibly();
                long killed = System.nanoTime();
                victim.waitFor();
                Map<Integer, Long> atKill = committedByPartition(admin, fixture.applicationId);
                String region = fixture.topics.replicate("eqiad");
                Map<Integer, Long> writtenAtKill = ends(admin, region, IsolationLevel.READ_UNCOMMITTED);

                // then the survivor owns every task's source partition within 10 s
                Map<String, Set<Integer>> after = awaitMembers(admin, fixture.applicationId, 1);
                long owned = System.nanoTime() - killed;
                Set<Integer> moved = new TreeSet<>();
                before.forEach((member, partitions) -> {
                    if (!after.containsKey(member)) {
                        moved.addAll(partitions);
                    }
                });
                assertThat(after.values().iterator().next()).hasSize(ExactlyOnceFixture.PARTITIONS);
                // and the moved tasks commit again
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    Map<Integer, Long> now = committedByPartition(admin, fixture.applicationId);
                    return moved.stream().allMatch(p -> now.getOrDefault(p, -1L) > atKill.getOrDefault(p, -1L));
                });
                long resumed = System.nanoTime() - killed;
                // and the region topics are readable (read committed, as appliers read) past all the dead instance
                // wrote: at once if it had no transaction open, else once the broker aborts that transaction (its
                // transaction.timeout.ms after it began, at the broker's next check for timed-out transactions)
                awaitStable(admin, region, writtenAtKill);
                long decided = System.nanoTime() - killed;
                PropagatorFailoverIT.log.info("Propagator failover: the survivor owned the tasks of partitions {} "
                        + "{} ms after the kill and committed them again after {} ms; {} was readable past the "
                        + "killed instance's writes after {} ms", moved, owned / 1_000_000, resumed / 1_000_000,
                        region, decided / 1_000_000);
                assertThat(Duration.ofNanos(owned)).isLessThanOrEqualTo(Duration.ofSeconds(10));

                // and every event reaches every region topic once, in order
                Map<TopicPartition, Long> sourceEnds = published.get(180, TimeUnit.SECONDS);
                fixture.awaitAllCommitted(Duration.ofSeconds(180));
                for (String r : ExactlyOnceFixture.REGIONS) {
                    for (String topic : List.of(fixture.topics.replicate(r), fixture.topics.purge(r))) {
                        awaitStable(admin, topic, ends(admin, topic, IsolationLevel.READ_UNCOMMITTED));
                    }
                }
                fixture.verify(sourceEnds);
            } finally {
                victim.destroyForcibly().waitFor();
                publisher.join(60_000);
            }
            assertThat(failed.get()).isNull();
        }
    }

    /** Waits until the group is stable with {@code count} members; returns each member's source partitions. */
    private static Map<String, Set<Integer>> awaitMembers(Admin admin, String group, int count) {
        AtomicReference<Map<String, Set<Integer>>> members = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(5, TimeUnit.SECONDS);
            Map<String, Set<Integer>> byMember = new HashMap<>();
            for (MemberDescription m : d.members()) {
                Set<Integer> partitions = new TreeSet<>();
                m.assignment().topicPartitions().stream().filter(tp -> tp.topic().contains(".stream."))
                        .forEach(tp -> partitions.add(tp.partition()));
                byMember.put(m.consumerId(), partitions);
            }
            members.set(byMember);
            return d.groupState() == GroupState.STABLE && byMember.size() == count
                    && byMember.values().stream().mapToInt(Set::size).sum() == ExactlyOnceFixture.PARTITIONS;
        });
        return members.get();
    }

    /** Waits until a read-committed consumer of {@code topic} can read up to {@code written} on every partition. */
    private static void awaitStable(Admin admin, String topic, Map<Integer, Long> written) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Map<Integer, Long> stable = ends(admin, topic, IsolationLevel.READ_COMMITTED);
            return written.entrySet().stream().allMatch(e -> stable.get(e.getKey()) >= e.getValue());
        });
    }

    /** Each partition's end: the log end (read uncommitted) or the last stable offset (read committed). */
    private static Map<Integer, Long> ends(Admin admin, String topic, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < ExactlyOnceFixture.PARTITIONS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> offsets = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
        return offsets;
    }

    private static Map<Integer, Long> committedByPartition(Admin admin, String group) throws Exception {
        Map<Integer, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet()) {
            if (e.getValue() != null && e.getKey().topic().contains(".stream.")) {
                offsets.put(e.getKey().partition(), e.getValue().offset());
            }
        }
        return offsets;
    }
}
