package dev.ripple.propagator.internal;

import static dev.ripple.propagator.internal.VersionGate.Decision.CONFLICT;
import static dev.ripple.propagator.internal.VersionGate.Decision.PASS;
import static dev.ripple.propagator.internal.VersionGate.Decision.REPLAY;
import static dev.ripple.propagator.internal.VersionGate.Decision.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version gate's decisions, including a replay after a crash under at-least-once delivery. */
class VersionGateTest {
    /** The store holds revision 7 of the key, propagated from source offset 10. */
    private static final KeyVersion HELD = new KeyVersion(7L, 10);

    @Test
    void shouldPassTheFirstWriteOfAKey() {
        assertThat(VersionGate.decide(null, 3L, null, 0)).isEqualTo(PASS);
        assertThat(VersionGate.decide(null, null, 5L, 0)).isEqualTo(PASS);
    }

    @Test
    void shouldPassANewerRevisionAndDropAnOlderOrEqualOneFromALaterOffset() {
        assertThat(VersionGate.decide(HELD, 8L, null, 11)).isEqualTo(PASS);
        assertThat(VersionGate.decide(HELD, 7L, null, 11)).isEqualTo(STALE);
        assertThat(VersionGate.decide(HELD, 5L, null, 11)).isEqualTo(STALE);
    }

    @Test
    void shouldReEmitTheVeryEventWhoseVersionTheStoreHoldsWhenItIsReplayed() {
        // after a crash under at-least-once the store already holds the replayed event's version: same offset
        assertThat(VersionGate.decide(HELD, 7L, null, 10)).isEqualTo(REPLAY);
        // an event without revision, by its offset alone
        assertThat(VersionGate.decide(new KeyVersion(null, 10), null, null, 10)).isEqualTo(REPLAY);
        // an event without revision that kept the known revision
        assertThat(VersionGate.decide(HELD, null, null, 10)).isEqualTo(REPLAY);
    }

    @Test
    void shouldJudgeAnEventAtTheSameOffsetWithAnotherRevisionByItsRevision() {
        // a recreated source topic starts its offsets again: offset 10 is another event there
        assertThat(VersionGate.decide(HELD, 5L, null, 10)).isEqualTo(STALE);
        assertThat(VersionGate.decide(HELD, 9L, null, 10)).isEqualTo(PASS);
    }

    @Test
    void shouldStillDropAReplayedEventOlderThanTheOneTheStoreHolds() {
        // offsets 8 and 9 were routed before offset 10 and are replayed with it: the newer version supersedes them
        assertThat(VersionGate.decide(HELD, 6L, null, 9)).isEqualTo(STALE);
        assertThat(VersionGate.decide(new KeyVersion(null, 10), null, null, 8)).isEqualTo(STALE);
    }

    @Test
    void shouldNotCallAReplayedConditionalWriteAConflictWithItself() {
        // accepted once with base revision 6, it made the key revision 7; replayed, its base no longer matches
        assertThat(VersionGate.decide(HELD, 7L, 6L, 10)).isEqualTo(REPLAY);
        // a different write on the same stale base is a conflict
        assertThat(VersionGate.decide(HELD, 8L, 6L, 11)).isEqualTo(CONFLICT);
        assertThat(VersionGate.decide(HELD, 8L, 7L, 11)).isEqualTo(PASS);
    }

    @Test
    void shouldDecideNewnessByOffsetWhenEitherSideHasNoRevision() {
        assertThat(VersionGate.decide(new KeyVersion(null, 10), 3L, null, 11)).isEqualTo(PASS);
        assertThat(VersionGate.decide(new KeyVersion(null, 10), 3L, null, 9)).isEqualTo(STALE);
        assertThat(VersionGate.isNewer(null, 1L, 0)).isTrue();
        assertThat(VersionGate.isNewer(HELD, 6L, 12)).isFalse();
    }
}
