package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.replica.StoredPosition;
import dev.ripple.replica.StoredPosition.Status;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreVerdictsTest {
    private static final TopicPartitionKey EDITS_1 = new TopicPartitionKey("ripple.edits", 1);
    private static final TopicPartitionKey EDITS_2 = new TopicPartitionKey("ripple.edits", 2);
    private static final Map<TopicPartitionKey, Long> APPLIED_40 = Map.of(EDITS_1, 40L);

    private static StoredPosition stored(Status status, String generation, long epoch, long offset) {
        Position offsets = status == Status.ABSENT ? Position.empty(epoch) : Position.of(epoch, Map.of(EDITS_1, offset));
        return new StoredPosition(1, offsets, Map.of(), status, generation, Map.of());
    }

    @Test
    void shouldFindNoLossWhereTheStoreHoldsTheGenerationAndAtLeastWhatWasApplied() {
        assertThat(StoreVerdicts.lost(stored(Status.SERVING, "g1", 0, 40), Optional.of("g1"), 0, APPLIED_40))
                .isEmpty();
        assertThat(StoreVerdicts.lost(stored(Status.SERVING, "g1", 0, 55), Optional.of("g1"), 0, APPLIED_40))
                .isEmpty();
    }

    @Test
    void shouldFindALossWhereThePositionIsGone() {
        assertThat(StoreVerdicts.lost(stored(Status.ABSENT, null, 0, 0), Optional.of("g1"), 0, APPLIED_40))
                .hasValueSatisfying(why -> assertThat(why).contains("gone from the store"));
    }

    @Test
    void shouldFindALossWhereAnotherWriterRebuildsIt() {
        assertThat(StoreVerdicts.lost(stored(Status.REBUILDING, "g2", 0, 0), Optional.of("g1"), 0, APPLIED_40))
                .hasValueSatisfying(why -> assertThat(why).contains("another writer"));
    }

    @Test
    void shouldFindALossWhereTheStoreHoldsAnotherGeneration() {
        assertThat(StoreVerdicts.lost(stored(Status.SERVING, "g2", 0, 40), Optional.of("g1"), 0, APPLIED_40))
                .hasValueSatisfying(why -> assertThat(why).contains("generation g2, not g1"));
    }

    @Test
    void shouldFindALossWhereTheStoreIsBehindWhatWasAppliedInTheSameEpoch() {
        assertThat(StoreVerdicts.lost(stored(Status.SERVING, "g1", 0, 39), Optional.of("g1"), 0, APPLIED_40))
                .hasValueSatisfying(why -> assertThat(why).contains("ripple.edits:1 at 39, behind the 40 applied"));
    }

    @Test
    void shouldNotCompareOffsetsOfAnotherEpoch() {
        // the applier follows epoch 1; the store still holds epoch 0's offsets, which say nothing about epoch 1's
        assertThat(StoreVerdicts.lost(stored(Status.SERVING, "g1", 0, 3), Optional.of("g1"), 1, APPLIED_40))
                .isEmpty();
    }

    @Test
    void shouldFillANewRegionWithoutCallingItALoss() {
        assertThat(StoreVerdicts.onAssignment(stored(Status.ABSENT, null, 0, 0), null))
                .isEqualTo(new StoreVerdicts.Verdict.Fill("", true));
    }

    @Test
    void shouldCallAnEmptyStoreTheGroupHadAppliedToALoss() {
        assertThat(StoreVerdicts.onAssignment(stored(Status.ABSENT, null, 0, 0), "g1"))
                .isInstanceOfSatisfying(StoreVerdicts.Verdict.Fill.class, fill -> {
                    assertThat(fill.why()).contains("though the group had applied it");
                    assertThat(fill.resume()).isTrue();
                });
    }

    @Test
    void shouldResumeARebuildThatWasRunning() {
        assertThat(StoreVerdicts.onAssignment(stored(Status.REBUILDING, "g2", 0, 0), "g1"))
                .isEqualTo(new StoreVerdicts.Verdict.Fill("a rebuild was running", true));
    }

    @Test
    void shouldRebuildAfreshAStoreRestoredFromBeforeGenerations() {
        assertThat(StoreVerdicts.onAssignment(stored(Status.SERVING, null, 0, 40), "g1"))
                .isInstanceOfSatisfying(StoreVerdicts.Verdict.Fill.class, fill -> {
                    assertThat(fill.why()).contains("old copy of the store was restored");
                    assertThat(fill.resume()).isFalse();
                });
    }

    @Test
    void shouldServeTheStoredGenerationAndSayWhenItIsNotTheCommittedOne() {
        assertThat(StoreVerdicts.onAssignment(stored(Status.SERVING, "g1", 0, 40), "g1"))
                .isEqualTo(new StoreVerdicts.Verdict.Serve("g1", null));
        assertThat(StoreVerdicts.onAssignment(stored(Status.SERVING, "g2", 0, 40), "g1"))
                .isInstanceOfSatisfying(StoreVerdicts.Verdict.Serve.class, serve -> {
                    assertThat(serve.generation()).isEqualTo("g2");
                    assertThat(serve.note()).contains("rebuilt since, before a commit");
                });
        assertThat(StoreVerdicts.onAssignment(stored(Status.SERVING, null, 0, 40), ""))
                .isEqualTo(new StoreVerdicts.Verdict.Serve(null, null));
    }

    @Test
    void shouldClaimOnlyTheEntriesOfOnePartition() {
        Position view = Position.of(3, Map.of(EDITS_1, 40L, EDITS_2, 7L));
        assertThat(StoreVerdicts.claimOf(view, 1)).containsExactly(Map.entry(EDITS_1, 40L));
        assertThat(StoreVerdicts.claimOf(view, 5)).isEmpty();
    }
}
