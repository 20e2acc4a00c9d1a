package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.Purges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KeyLanesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final TopicPartition PARTITION = new TopicPartition("ripple.purge.eqiad", 0);

    @Test
    void shouldSendDifferentKeysTogetherButAKeysSecondPurgeOnlyAfterItsFirstIsDone() {
        // given two purges of key a and one of key b
        KeyLanes lanes = new KeyLanes(Duration.ZERO);
        lanes.offer(Purges.keys("a", 1, 0, 0, "page:a"), origin(0), T0);
        lanes.offer(Purges.keys("a", 2, 0, 1, "page:a", "other:a"), origin(1), T0);
        lanes.offer(Purges.keys("b", 1, 0, 2, "page:b"), origin(2), T0);

        // when the ready purges are taken
        List<PurgeJob> first = lanes.takeReady(T0, 10);

        // then a's first and b's go, a's second waits for a's first
        assertThat(first).extracting(PurgeJob::key).containsExactly("a", "b");
        assertThat(lanes.takeReady(T0, 10)).isEmpty();
        lanes.complete(first.get(0));
        assertThat(lanes.takeReady(T0, 10)).singleElement()
                .satisfies(job -> assertThat(job.request().revision()).isEqualTo(2L));
    }

    @Test
    void shouldMergeIdenticalPurgesThatWaitTogetherIntoOneWithTheNewestRevisionAndSource() {
        // given a purge of a in flight, and three identical purges of a waiting behind it
        KeyLanes lanes = new KeyLanes(Duration.ZERO);
        lanes.offer(Purges.keys("a", 1, 0, 0, "page:a"), origin(0), T0);
        PurgeJob inFlight = lanes.takeReady(T0, 10).get(0);
        assertThat(lanes.offer(Purges.keys("a", 3, 0, 1, "page:a"), origin(1), T0)).isEqualTo(KeyLanes.Offer.QUEUED);
        assertThat(lanes.offer(Purges.keys("a", 2, 0, 2, "page:a"), origin(2), T0))
                .isEqualTo(KeyLanes.Offer.COALESCED);
        assertThat(lanes.offer(Purges.keys("a", 4, 0, 3, "page:a"), origin(3), T0))
                .isEqualTo(KeyLanes.Offer.COALESCED);

        // when the one in flight is done
        lanes.complete(inFlight);

        // then one purge covers the three records, at the highest revision and the last source offset
        PurgeJob merged = lanes.takeReady(T0, 10).get(0);
        assertThat(merged.origins()).extracting(Origin::offset).containsExactly(1L, 2L, 3L);
        assertThat(merged.request().revision()).isEqualTo(4L);
        assertThat(merged.request().source().offset()).isEqualTo(3L);
        assertThat(lanes.queued()).isZero();
    }

    @Test
    void shouldNotMergeAPurgeOfOtherKeysOrIntoOneThatAlreadyLeft() {
        KeyLanes lanes = new KeyLanes(Duration.ZERO);
        lanes.offer(Purges.keys("a", 1, 0, 0, "page:a"), origin(0), T0);
        lanes.takeReady(T0, 10);

        assertThat(lanes.offer(Purges.keys("a", 2, 0, 1, "page:a"), origin(1), T0)).isEqualTo(KeyLanes.Offer.QUEUED);
        assertThat(lanes.offer(Purges.tags("a", 3, 0, 2, "page:a"), origin(2), T0)).isEqualTo(KeyLanes.Offer.QUEUED);
        assertThat(lanes.queued()).isEqualTo(2);
    }

    @Test
    void shouldHoldAPurgeForItsCoalescingWindowSoThatDuplicatesArrivingMeanwhileAreSentOnce() {
        // given a 100 ms window and a purge read at T0
        KeyLanes lanes = new KeyLanes(Duration.ofMillis(100));
        lanes.offer(Purges.keys("a", 1, 0, 0, "page:a"), origin(0), T0);

        // then it does not leave before its window ends
        assertThat(lanes.takeReady(T0.plusMillis(99), 10)).isEmpty();
        assertThat(lanes.nextDue()).contains(T0.plusMillis(100));

        // and a duplicate read within the window merges into it
        lanes.offer(Purges.keys("a", 2, 0, 1, "page:a"), origin(1), T0.plusMillis(50));
        List<PurgeJob> due = lanes.takeReady(T0.plusMillis(100), 10);
        assertThat(due).singleElement().satisfies(job -> assertThat(job.origins()).hasSize(2));
    }

    @Test
    void shouldTakeNoMoreThanAskedAndOldestFirst() {
        KeyLanes lanes = new KeyLanes(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            lanes.offer(Purges.keys("k" + i, 1, 0, i, "page:k" + i), origin(i), T0.plusMillis(i));
        }

        assertThat(lanes.takeReady(T0.plusSeconds(1), 3)).extracting(PurgeJob::key).containsExactly("k0", "k1", "k2");
        assertThat(lanes.queued()).isEqualTo(2);
        assertThat(lanes.keys()).isEqualTo(5);
    }

    private static Origin origin(long offset) {
        return new Origin(PARTITION, offset, "k", new byte[0]);
    }
}
