package dev.ripple.runtime.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ConsumeLoopTest {
    private static final String TOPIC = "ripple.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final SlowToAnswer consumer = new SlowToAnswer();
    private final ConsumeLoop<String, String> loop = ConsumeLoop.create(consumer,
            new LoopOptions("test loop", TOPIC, Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5),
                    Duration.ofSeconds(5), LoopOptions.Mode.GROUP), CLOCK);
    private final Step step = new Step();

    ConsumeLoopTest() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    /** A consumer whose committed offsets Kafka does not give the first {@code unanswered} times they are asked. */
    private static final class SlowToAnswer extends MockConsumer<String, String> {
        int unanswered;

        SlowToAnswer() {
            super("earliest");
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                Duration timeout) {
            answerOrNot(partitions);
            return super.committed(partitions, timeout);
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
            answerOrNot(partitions);
            return super.committed(partitions);
        }

        private void answerOrNot(Set<TopicPartition> partitions) {
            if (unanswered > 0) {
                unanswered--;
                throw new TimeoutException("Timeout expired before the last committed offset for partitions "
                        + partitions + " could be determined");
            }
        }
    }

    /** Records what the loop asks of it; completes nothing by itself. Loop thread only, except {@link #busy}. */
    private static final class Step implements LoopStep<String, String> {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> passed = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();
        final Set<Integer> wantPause = new HashSet<>();
        int maxPending = Integer.MAX_VALUE;
        final List<Integer> pausesMade = new ArrayList<>();
        volatile boolean busy;
        int topicPartitions;
        Runnable onForget = () -> {};

        @Override
        public void assigned(Map<Integer, String> committed, int topicPartitions) {
            this.topicPartitions = topicPartitions;
            calls.add("assigned " + committed.keySet());
        }

        @Override
        public String accept(ConsumerRecord<String, String> record) {
            if ("boom".equals(record.value())) {
                throw new IllegalStateException("cannot take " + record.offset());
            }
            accepted.add(record.partition() + "@" + record.offset() + "=" + record.value());
            return record.value();
        }

        @Override
        public void round(long nowMs) {}

        @Override
        public boolean busy(Collection<Integer> partitions) {
            return busy;
        }

        @Override
        public void forget(Collection<Integer> partitions) {
            calls.add("forget " + partitions);
            onForget.run();
        }

        @Override
        public void closing() {
            calls.add("closing");
        }

        @Override
        public void passed(int partition, String payload) {
            passed.add(payload);
        }

        @Override
        public boolean wantsPause(int partition, long nowMs) {
            return wantPause.contains(partition);
        }

        @Override
        public boolean holdAll(int pending) {
            return pending >= maxPending;
        }

        @Override
        public void pausesMade(int pausedPartitions) {
            pausesMade.add(pausedPartitions);
        }

        @Override
        public String metadata(int partition) {
            return "up to " + passed.get(passed.size() - 1);
        }
    }

    private void record(TopicPartition tp, long offset, String value) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k", value));
    }

    private OffsetAndMetadata committed(TopicPartition tp) {
        return consumer.committed(Set.of(tp)).get(tp);
    }

    @Test
    void shouldCommitOnlyThePrefixOfRecordsThatAreDoneWithTheStepsMetadata() {
        List<OffsetAndMetadata> seen = new ArrayList<>();
        // given three records of partition 0
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            record(P0, 0, "a");
            record(P0, 1, "b");
            record(P0, 2, "c");
        });
        // when the second and third are done, but not the first
        consumer.schedulePollTask(() -> {
            loop.complete(0, 1);
            loop.complete(0, 2);
        });
        consumer.schedulePollTask(() -> seen.add(committed(P0)));
        // and then the first
        consumer.schedulePollTask(() -> loop.complete(0, 0));
        consumer.schedulePollTask(() -> seen.add(committed(P0)));
        consumer.schedulePollTask(loop::stop);

        loop.run(step);

        // then nothing is committed while the first is open; then all three, with the step's metadata
        assertThat(seen.get(0)).isNull();
        assertThat(seen.get(1)).isEqualTo(new OffsetAndMetadata(3, "up to c"));
        assertThat(step.passed).containsExactly("a", "b", "c");
        assertThat(step.calls).containsExactly("assigned [0]", "closing");
        assertThat(step.topicPartitions).isEqualTo(2);
    }

    @Test
    void shouldPauseWhatTheStepAsksAndEverythingOnHold() {
        List<Set<TopicPartition>> seen = new ArrayList<>();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
        // when the step wants partition 1 paused
        consumer.schedulePollTask(() -> step.wantPause.add(1));
        consumer.schedulePollTask(() -> seen.add(consumer.paused()));
        // when an operator holds every partition, then releases them, and the step lets partition 1 go
        consumer.schedulePollTask(() -> loop.hold(true));
        consumer.schedulePollTask(() -> seen.add(consumer.paused()));
        consumer.schedulePollTask(() -> {
            loop.hold(false);
            step.wantPause.clear();
        });
        consumer.schedulePollTask(() -> seen.add(consumer.paused()));
        consumer.schedulePollTask(loop::stop);

        loop.run(step);

        assertThat(seen).containsExactly(Set.of(P1), Set.of(P0, P1), Set.of());
    }

    @Test
    void shouldWaitForWorkInFlightAndCommitItBeforeARevokedPartitionGoes() {
        List<OffsetAndMetadata> seen = new ArrayList<>();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            record(P0, 0, "a");
        });
        // (a MockConsumer shows offset 0 for a partition it does not own: look while the loop forgets it)
        step.onForget = () -> seen.add(committed(P0));
        // given the record's work in flight when partition 0 is revoked; it ends on another thread meanwhile
        consumer.schedulePollTask(() -> {
            step.busy = true;
            new Thread(() -> loop.handBack(() -> {
                loop.complete(0, 0);
                step.busy = false;
            })).start();
            consumer.rebalance(List.of(P1));
        });
        consumer.schedulePollTask(loop::stop);

        loop.run(step);

        // then the revoke waited for it and committed it before the partition went
        assertThat(seen).containsExactly(new OffsetAndMetadata(1, "up to a"));
        assertThat(step.calls).containsSubsequence("assigned [0]", "forget [0]", "assigned [1]", "closing");
    }

    @Test
    void shouldRunWhatIsHandedBackOnTheLoopThreadAndCommitWhenStopping() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            record(P0, 0, "a");
        });
        consumer.schedulePollTask(() -> {
            step.busy = true;
            new Thread(() -> loop.handBack(() -> {
                step.calls.add("handed back on " + Thread.currentThread().getName());
                loop.complete(0, 0);
                step.busy = false;
            })).start();
            loop.stop();
        });

        loop.run(step);

        // then stopping waited for the work, ran it on the loop thread, committed it and closed the step
        assertThat(step.calls).containsExactly("assigned [0]",
                "handed back on " + Thread.currentThread().getName(), "closing");
        assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(1, "up to a"));
        assertThat(loop.pending()).isZero();
    }

    @Test
    void shouldAskForTheCommittedOffsetsAgainWhenKafkaDoesNotAnswerThemAfterARebalance() {
        // given a group whose coordinator does not answer the first two requests for the committed offsets, as
        // during a broker restart just after a rebalance
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(1, "up to a")));
        consumer.unanswered = 2;
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            record(P0, 1, "b");
        });
        consumer.schedulePollTask(() -> loop.complete(0, 1));
        consumer.schedulePollTask(loop::stop);

        // when the loop runs
        loop.run(step);

        // then the assignment waits for the answer instead of ending the loop, and the record after it is passed
        assertThat(consumer.unanswered).isZero();
        assertThat(step.calls).containsExactly("assigned [0]", "closing");
        assertThat(step.passed).containsExactly("b");
        assertThat(committed(P0)).isEqualTo(new OffsetAndMetadata(2, "up to b"));
    }

    @Test
    void shouldFailFromRunWhenTheStepThrows() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            record(P0, 0, "boom");
        });

        assertThatThrownBy(() -> loop.run(step)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot take 0");
        assertThat(committed(P0)).isNull();
    }

    @Test
    void shouldFollowEveryPartitionFromTheBeginningWithoutAGroupAndCommitNothing() {
        // given a loop that follows the topic
        ConsumeLoop<String, String> follower = ConsumeLoop.create(consumer,
                LoopOptions.follow("follower", TOPIC, Duration.ofMillis(10)), CLOCK);
        consumer.schedulePollTask(() -> {
            record(P0, 0, "a");
            record(P1, 0, "b");
        });
        consumer.schedulePollTask(() -> {
            follower.complete(0, 0);
            follower.complete(1, 0);
        });
        consumer.schedulePollTask(follower::stop);

        follower.run(step);

        // then it took every partition itself, read both records, and committed nothing
        assertThat(consumer.subscription()).isEmpty();
        assertThat(step.calls).containsExactly("assigned [0, 1]", "closing");
        assertThat(step.accepted).containsExactlyInAnyOrder("0@0=a", "1@0=b");
        assertThat(committed(P0)).isNull();
        assertThat(follower.pending()).isZero();
    }

    @Test
    void shouldPauseEveryPartitionWhileTooManyRecordsArePendingAndResumeOnceTheyAreDone() {
        List<Set<TopicPartition>> seen = new ArrayList<>();
        step.maxPending = 2;
        // given two records of partition 0 not done, with at most 2 pending
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            record(P0, 0, "a");
            record(P0, 1, "b");
        });
        consumer.schedulePollTask(() -> seen.add(consumer.paused()));
        // when one is done
        consumer.schedulePollTask(() -> loop.complete(0, 0));
        consumer.schedulePollTask(() -> seen.add(consumer.paused()));
        consumer.schedulePollTask(loop::stop);

        loop.run(step);

        // then both partitions paused while two were pending, and resumed when one was done
        assertThat(seen).containsExactly(Set.of(P0, P1), Set.of());
        assertThat(step.pausesMade).contains(2).endsWith(0);
    }
}
