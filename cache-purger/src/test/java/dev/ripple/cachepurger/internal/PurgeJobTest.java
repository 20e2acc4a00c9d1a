package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.Purges;
import dev.ripple.events.PurgeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurgeJobTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final TopicPartition PARTITION = new TopicPartition("ripple.purge.eqiad", 0);

    /** Revisions are optional in events: an empty cell is a purge without one. */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({",,", ",7,7", "7,,7", "3,9,9", "9,3,9"})
    void shouldMergeTheHigherRevisionWhenEitherOrBothPurgesHaveNone(Long first, Long second, Long merged) {
        // given a waiting purge with the first revision
        PurgeJob job = new PurgeJob(purge(first, 0), origin(0), T0, T0);

        // when an identical purge with the second revision merges into it
        job.absorb(purge(second, 1), origin(1));

        // then the job carries the higher revision (none only when neither had one) and the later source
        assertThat(job.request().revision()).isEqualTo(merged);
        assertThat(job.request().source().offset()).isEqualTo(1L);
        assertThat(job.origins()).extracting(Origin::offset).containsExactly(0L, 1L);
    }

    @ParameterizedTest(name = "revision {0}")
    @CsvSource({",", "5"})
    void shouldCoalesceTenRevisionlessPurgesOfOneKeyIntoOneWaitingInItsWindow(Long revision) {
        // given a 50 ms window and ten identical purges of key a read within it, with or without a revision
        KeyLanes lanes = new KeyLanes(Duration.ofMillis(50));
        for (int i = 0; i < 10; i++) {
            lanes.offer(purge(i == 9 ? revision : null, i), origin(i), T0.plusMillis(i));
        }

        // then one purge leaves when the window closes, covering all ten records
        List<PurgeJob> ready = lanes.takeReady(T0.plusMillis(50), 10);
        assertThat(ready).singleElement().satisfies(job -> {
            assertThat(job.origins()).hasSize(10);
            assertThat(job.request().revision()).isEqualTo(revision);
        });
    }

    private static PurgeRequest purge(Long revision, long offset) {
        return Purges.request("a", List.of("page:a"), List.of(), List.of(), revision, 0, offset);
    }

    private static Origin origin(long offset) {
        return new Origin(PARTITION, offset, "a", new byte[0]);
    }
}
