package dev.ripple.runtime.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LoopThreadTest {
    private static final String TOPIC = "ripple.test";
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final ConsumeLoop<String, Void> loop = ConsumeLoop.create(consumer,
            new LoopOptions("test loop", TOPIC, Duration.ofMillis(10), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                    LoopOptions.Mode.GROUP), Clock.systemUTC());
    private final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void shouldReportWhatTheLoopThrowsWithItsMdcAndThenCloseInReverseOrder() throws Exception {
        // given a step that fails on its first record
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(tp));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", "v"));
        });
        CompletableFuture<String> failure = new CompletableFuture<>();
        LoopStep<String, Void> step = record -> {
            throw new IllegalStateException("failed in " + MDC.get("ripple.test"));
        };

        // when it runs on a loop thread
        LoopThread thread = LoopThread.start("ripple-test-loop", Map.of("ripple.test", "region x"), true, loop,
                step, e -> failure.complete(e.getMessage() + " on " + Thread.currentThread().getName()),
                List.<AutoCloseable>of(() -> closed.add("first"), () -> closed.add("second")));

        // then the failure is reported from the loop thread, with the MDC, and what it used is closed, last first
        assertThat(failure.get(10, TimeUnit.SECONDS)).isEqualTo("failed in region x on ripple-test-loop");
        thread.stop(Duration.ofSeconds(10));
        assertThat(thread.isAlive()).isFalse();
        assertThat(closed).containsExactly("second", "first");
    }

    @Test
    void shouldStopTheLoopAndWaitForItsThread() {
        LoopThread thread = LoopThread.start("ripple-test-loop", Map.of(), true, loop, record -> null,
                e -> closed.add("failed: " + e), List.<AutoCloseable>of(() -> closed.add("consumer")));

        thread.stop(Duration.ofSeconds(10));

        assertThat(thread.isAlive()).isFalse();
        assertThat(closed).containsExactly("consumer");
    }
}
