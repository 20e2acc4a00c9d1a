package dev.ripple.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a round of {@code e2e} decides that an event is done, lost, reordered or duplicated. */
class E2eRoundTest {
    private static final String TOPIC = "ripple.stream.edits";
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final Trace TRACE = new Trace(T, T.plusMillis(5));

    @Test
    void shouldCountAnEventDoneOnlyOnceAppliedAndPurgedInEveryRegion() {
        E2eRound round = new E2eRound("enwiki:P_", 1, 2);
        round.sending(0);
        round.accepted(0, Dot.of(TOPIC, 3, 10));

        apply(round, 0, 0, 10);
        apply(round, 1, 0, 10);
        purge(round, 0, 0, 10, 1);
        assertThat(round.completed()).isZero();

        purge(round, 1, 0, 10, 1);
        assertThat(round.completed()).isEqualTo(1);
        assertThat(round.correctness().ok()).isTrue();
        assertThat(round.latencies()[0]).isFinite();
    }

    @Test
    void shouldMatchAPurgeThatComesBeforeTheIntakesAnswerOnceTheApplyNamesItsDot() {
        E2eRound round = new E2eRound("enwiki:P_", 1, 1);
        round.sending(0);

        purge(round, 0, 0, 10, 1);
        apply(round, 0, 0, 10);

        assertThat(round.completed()).isEqualTo(1);
    }

    @Test
    void shouldCountAnOlderRevisionAppliedAfterANewerOneAsReorderedAndARepeatAsADuplicate() {
        E2eRound round = new E2eRound("enwiki:P_", 5001, 1);
        apply(round, 0, 5000, 20); // key 0, revision 5000
        apply(round, 0, 0, 10);    // key 0, revision 0: older, after
        apply(round, 0, 5000, 20); // again

        assertThat(round.correctness().reordered()).isEqualTo(1);
        assertThat(round.correctness().duplicates()).isEqualTo(1);
    }

    @Test
    void shouldCompleteTheEarlierPurgeThatACoalescedReceiptCovers() {
        E2eRound round = new E2eRound("enwiki:P_", 5001, 1);
        apply(round, 0, 0, 10);
        apply(round, 0, 5000, 20);

        purge(round, 0, 5000, 20, 2); // one receipt for the purges of revisions 0 and 5000 of key 0

        assertThat(round.completed()).isEqualTo(2);
        assertThat(round.coalesced()).isEqualTo(1);
    }

    @Test
    void shouldLeaveAnEventThatWasNeverPurgedLost() {
        E2eRound round = new E2eRound("enwiki:P_", 1, 1);
        round.sending(0);
        apply(round, 0, 0, 10);

        assertThat(round.correctness().lost()).isEqualTo(1);
        assertThat(round.latencies()[0]).isInfinite();
    }

    private static void apply(E2eRound round, int region, int revision, long offset) {
        round.applied(region, round.key(revision), revision, new SourcePosition(TOPIC, 3, offset, T), true, TRACE,
                T.plusMillis(9), System.nanoTime());
    }

    private static void purge(E2eRound round, int region, int revision, long offset, int records) {
        round.purged(region, round.key(revision), new SourcePosition(TOPIC, 3, offset, T), records, T.plusMillis(8),
                T.plusMillis(12), System.nanoTime());
    }
}
