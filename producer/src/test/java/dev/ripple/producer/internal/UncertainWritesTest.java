package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.Dot;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.ManualClock;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The looks for writes Kafka never answered, on Kafka's own {@link MockConsumer} (whose time lookup answers that
 * the first record at or after the earliest write's timestamp, less the clock skew, is at offset 10): what a read
 * calls found and absent, looks that arrive together answered by one read, and a look its request could not wait
 * for answering the next retry. {@code IntakeOutageIT} looks on a real broker.
 */
class UncertainWritesTest {
    private static final TopicPartition PARTITION = new TopicPartition("ripple.stream.edits", 1);
    private static final long FIRST_SINCE = 10;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicInteger timeLookups = new AtomicInteger();
    private final AtomicInteger endLookups = new AtomicInteger();
    private volatile int unansweredEnds;
    private volatile CountDownLatch endsHeld = new CountDownLatch(0);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times,
                Duration timeout) {
            timeLookups.incrementAndGet();
            return Map.of(PARTITION, new OffsetAndTimestamp(FIRST_SINCE, times.get(PARTITION)));
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
            int call = endLookups.incrementAndGet();
            try {
                endsHeld.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (call <= unansweredEnds) {
                throw new TimeoutException("broker away");
            }
            return super.endOffsets(partitions, timeout);
        }
    };
    private final UncertainWrites writes = new UncertainWrites(() -> consumer, Duration.ofMinutes(10), clock);
    private final EditEvent event = TestEvents.upsert("edits", "k", 7);
    private final UncertainWriteException write = uncertain();

    @AfterEach
    void close() {
        endsHeld.countDown();
        writes.close();
    }

    @Test
    void shouldFindTheWriteAmongOtherRecordsOfItsKey() throws Exception {
        record(10, "other-key", TestEvents.upsert("edits", "other-key", 7));
        record(11, "k", TestEvents.upsert("edits", "k", 6)); // the same key, another event
        record(12, "k", event);
        consumer.updateEndOffsets(Map.of(PARTITION, 13L));

        UncertainWrites.Verdict verdict = writes.look(write, event, clock.instant().plusSeconds(5));

        assertThat(verdict).isEqualTo(new UncertainWrites.Verdict.Written(Dot.of(PARTITION.topic(), 1, 12)));
    }

    @Test
    void shouldCallItNotWrittenWhenThePartitionEndsWithoutIt() throws Exception {
        record(10, "k", TestEvents.upsert("edits", "k", 6));
        record(11, "k", event.withMeta(TestEvents.upsert("edits", "k", 7).meta())); // the same event, another id
        consumer.updateEndOffsets(Map.of(PARTITION, 12L));

        assertThat(writes.look(write, event, clock.instant().plusSeconds(5)))
                .isInstanceOf(UncertainWrites.Verdict.NotWritten.class);
    }

    @Test
    void shouldReadAgainForARetryAfterNotFindingTheWrite() throws Exception {
        record(10, "k", TestEvents.upsert("edits", "k", 6));
        consumer.updateEndOffsets(Map.of(PARTITION, 11L));
        assertThat(writes.look(write, event, clock.instant().plusSeconds(5)))
                .isInstanceOf(UncertainWrites.Verdict.NotWritten.class);

        record(11, "k", event); // committed only now (a follower that lagged)
        consumer.updateEndOffsets(Map.of(PARTITION, 12L));

        assertThat(writes.look(write, event, clock.instant().plusSeconds(5)))
                .isEqualTo(new UncertainWrites.Verdict.Written(Dot.of(PARTITION.topic(), 1, 11)));
    }

    @Test
    void shouldAnswerLooksOfOnePartitionWithOneReadAndReadAgainWhenKafkaDidNotAnswer() throws Exception {
        EditEvent other = TestEvents.upsert("edits", "k2", 3);
        record(10, "k2", other);
        record(11, "k", event);
        consumer.updateEndOffsets(Map.of(PARTITION, 12L));
        unansweredEnds = 1;
        endsHeld = new CountDownLatch(1);

        CompletableFuture<UncertainWrites.Verdict> first = CompletableFuture.supplyAsync(() ->
                writes.look(write, event, clock.instant().plusSeconds(15)));
        await().atMost(Duration.ofSeconds(5)).until(() -> endLookups.get() >= 1); // a read of the first alone
        CompletableFuture<UncertainWrites.Verdict> second = CompletableFuture.supplyAsync(() ->
                writes.look(uncertain(), other, clock.instant().plusSeconds(15)));
        await().atMost(Duration.ofSeconds(5)).until(() -> writes.looking() == 2);
        endsHeld.countDown(); // and Kafka does not answer that read

        assertThat(first.get(15, TimeUnit.SECONDS)).isEqualTo(new UncertainWrites.Verdict.Written(Dot.of(
                PARTITION.topic(), 1, 11)));
        assertThat(second.get(15, TimeUnit.SECONDS)).isEqualTo(new UncertainWrites.Verdict.Written(Dot.of(
                PARTITION.topic(), 1, 10)));
        assertThat(timeLookups).as("one read for both").hasValue(1);
    }

    @Test
    void shouldGoOnWithALookItsRequestCouldNotWaitForAndAnswerTheNextRetryWithIt() throws Exception {
        record(10, "k", event);
        consumer.updateEndOffsets(Map.of(PARTITION, 11L));
        endsHeld = new CountDownLatch(1); // a partition that takes long to read

        UncertainWrites.Verdict first = writes.look(write, event, clock.instant().plusMillis(200));
        endsHeld.countDown();
        UncertainWrites.Verdict retry = writes.look(write, event, clock.instant().plusSeconds(5));

        assertThat(first).isInstanceOf(UncertainWrites.Verdict.Unknown.class);
        assertThat(retry).isEqualTo(new UncertainWrites.Verdict.Written(Dot.of(PARTITION.topic(), 1, 10)));
        assertThat(timeLookups).as("read once").hasValue(1);
    }

    private UncertainWriteException uncertain() {
        return new UncertainWriteException("no answer", null, PARTITION, clock.millis());
    }

    private void record(long offset, String key, EditEvent value) throws Exception {
        if (consumer.assignment().isEmpty()) {
            consumer.assign(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        }
        consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, key,
                EventJson.mapper().writeValueAsBytes(value)));
    }
}
