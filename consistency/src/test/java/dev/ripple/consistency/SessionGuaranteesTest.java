package dev.ripple.consistency;

import static dev.ripple.consistency.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionGuaranteesTest {

    static final TopicPartitionKey P0 = TopicPartitionKey.of("edits", 0);
    static final TopicPartitionKey P1 = TopicPartitionKey.of("edits", 1);

    @Test
    void shouldRefuseReadWhenRegionBehindTokenAndSayByHowMuch() {
        // given: the session wrote edits:1@40; region us has applied edits:1 only up to 35
        Position session = pos(1, "edits:0", 10, "edits:1", 40);
        Position appliedUs = pos(1, "edits:0", 12, "edits:1", 35);
        // when
        ReadCheck check = SessionGuarantees.checkRead(session, appliedUs);
        // then
        assertThat(check.servable()).isFalse();
        assertThat(check.missing()).containsExactly(new Position.Shortfall(P1, 35, 40));
        assertThat(check.maxGap()).isEqualTo(5);
    }

    @Test
    void shouldServeReadWhenRegionCoversTheWholeSessionVectorEvenForAnotherKeysPartition() {
        // given: the key read lives in edits:0, but the session also depends on edits:1
        Position session = pos(1, "edits:0", 10, "edits:1", 40);
        // then
        assertThat(SessionGuarantees.canServeRead(session, pos(1, "edits:0", 99, "edits:1", 39))).isFalse();
        assertThat(SessionGuarantees.canServeRead(session, pos(1, "edits:0", 10, "edits:1", 40))).isTrue();
        assertThat(SessionGuarantees.checkRead(Position.empty(1), Position.empty(1)).servable()).isTrue();
    }

    @Test
    void shouldCarryThePreviousVectorAsDependenciesAndAddTheWriteToTheToken() {
        // given
        Position session = pos(1, "edits:0", 10);
        // when
        Position deps = SessionGuarantees.writeDependencies(session);
        Position after = SessionGuarantees.afterWrite(session, new Dot(P1, 7));
        // then
        assertThat(deps).isEqualTo(pos(1, "edits:0", 10));
        assertThat(after).isEqualTo(pos(1, "edits:0", 10, "edits:1", 7));
        assertThat(SessionGuarantees.afterWrite(after, new Dot(P1, 3))).isEqualTo(after);
    }

    @Test
    void shouldTakeOnlyTheKeysPartitionFromTheServingRegionAfterARead() {
        // given
        Position session = pos(1, "edits:0", 10);
        Position applied = pos(1, "edits:0", 50, "edits:1", 80);
        // when
        Position after = SessionGuarantees.afterRead(session, applied, P1);
        // then: the next region must have edits:1 up to 80, but edits:0 only up to the session's 10
        assertThat(after).isEqualTo(pos(1, "edits:0", 10, "edits:1", 80));
        assertThat(SessionGuarantees.afterRead(after, pos(1, "edits:1", 5), P1)).isEqualTo(after);
    }

    @Test
    void shouldGiveReadYourWritesAcrossRegions() {
        // given: a write acknowledged at edits:0@41 returns a token
        Position token = SessionGuarantees.afterWrite(Position.empty(2), new Dot(P0, 41));
        // when: region eu has applied up to 40, later up to 41
        boolean before = SessionGuarantees.canServeRead(token, pos(2, "edits:0", 40));
        boolean after = SessionGuarantees.canServeRead(token, pos(2, "edits:0", 41));
        // then
        assertThat(before).isFalse();
        assertThat(after).isTrue();
    }

    @Test
    void shouldHoldTheApplierBackUntilDependenciesAreApplied() {
        Position deps = pos(1, "edits:0", 10, "edits:1", 3);
        assertThat(SessionGuarantees.canApply(pos(1, "edits:0", 10), deps)).isFalse();
        assertThat(SessionGuarantees.canApply(pos(1, "edits:0", 10, "edits:1", 3), deps)).isTrue();
    }

    @Test
    void shouldRefuseToMixEpochs() {
        assertThatThrownBy(() -> SessionGuarantees.afterRead(pos(1, "edits:0", 1), pos(2, "edits:0", 1), P0))
                .isInstanceOf(EpochMismatchException.class);
        assertThatThrownBy(() -> SessionGuarantees.checkRead(pos(1, "edits:0", 1), pos(2, "edits:0", 1)))
                .isInstanceOf(EpochMismatchException.class);
    }
}
