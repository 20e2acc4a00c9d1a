package dev.ripple.runtime.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How long a loop's poll waits: its poll timeout while anything is pending, else until the step's next duty. */
class IdlePollTest {
    private static final String TOPIC = "ripple.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final long NOW = CLOCK.millis();

    private final List<Long> timeouts = new CopyOnWriteArrayList<>();
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized ConsumerRecords<String, String> poll(Duration timeout) {
            timeouts.add(timeout.toMillis());
            return super.poll(timeout);
        }
    };
    private final ConsumeLoop<String, Void> loop = ConsumeLoop.create(consumer,
            new LoopOptions("idle loop", TOPIC, Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5),
                    Duration.ofSeconds(5), LoopOptions.Mode.GROUP), CLOCK);
    private final Step step = new Step();

    IdlePollTest() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, new Node(0, "localhost", 9092), null,
                null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
    }

    /** Completes nothing by itself; its next duty is {@link #duty}, and it may want partition 0 paused. */
    private static final class Step implements LoopStep<String, Void> {
        volatile long duty = Long.MAX_VALUE;
        volatile boolean pause;

        @Override
        public Void accept(ConsumerRecord<String, String> record) {
            return null;
        }

        @Override
        public long nextDutyMs(long nowMs) {
            return duty;
        }

        @Override
        public boolean wantsPause(int partition, long nowMs) {
            return pause;
        }
    }

    @Test
    void shouldPollUntilTheStepsNextDutyAtMostOneSecondOnlyWhileNothingIsPendingPausedOrUncommitted() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", "a"));
        });
        // the record is pending: then done (and committed at once, the commit interval being zero)
        consumer.schedulePollTask(() -> {
            loop.complete(0, 0);
            step.duty = NOW + 400;
        });
        // idle, a duty in 400 ms; then one sooner than the poll timeout
        consumer.schedulePollTask(() -> step.duty = NOW + 3);
        // then the step wants its partition paused, with no duty
        consumer.schedulePollTask(() -> {
            step.duty = Long.MAX_VALUE;
            step.pause = true;
        });
        consumer.schedulePollTask(() -> step.pause = false);
        consumer.schedulePollTask(loop::stop);

        loop.run(step);

        assertThat(timeouts).containsExactly(
                1_000L, // nothing assigned yet, no duty: at most IDLE_POLL_MAX
                10L,    // a record pending: the poll timeout
                400L,   // idle: until the duty
                10L,    // a duty sooner than the poll timeout: the poll timeout
                10L,    // a partition paused
                1_000L);
    }
}
