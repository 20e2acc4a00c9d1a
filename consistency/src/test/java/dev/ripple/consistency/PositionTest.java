package dev.ripple.consistency;

import static dev.ripple.consistency.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void shouldTreatMissingEntryAsMinusOne() {
        // given
        Position p = pos(1, "edits:0", 17);
        // then
        assertThat(p.offset(TopicPartitionKey.of("edits", 1))).isEqualTo(-1);
        assertThat(p.dominates(Position.empty(1))).isTrue();
        assertThat(Position.empty(1).dominates(pos(1, "edits:1", 0))).isFalse();
    }

    @Test
    void shouldMergeAsPointwiseMaximum() {
        // when
        Position merged = pos(2, "edits:0", 5, "edits:1", 9).merge(pos(2, "edits:1", 3, "pages:0", 1));
        // then
        assertThat(merged).isEqualTo(pos(2, "edits:0", 5, "edits:1", 9, "pages:0", 1));
    }

    @Test
    void shouldListWhatIsMissingWithTheGap() {
        // given
        Position applied = pos(1, "edits:0", 10, "edits:1", 4);
        Position session = pos(1, "edits:0", 8, "edits:1", 7, "edits:2", 0);
        // when
        var missing = applied.missingFrom(session);
        // then
        assertThat(missing).containsExactly(
                new Position.Shortfall(TopicPartitionKey.of("edits", 1), 4, 7),
                new Position.Shortfall(TopicPartitionKey.of("edits", 2), -1, 0));
        assertThat(missing).extracting(Position.Shortfall::gap).containsExactly(3L, 1L);
    }

    @Test
    void shouldRefuseToMergeOrCompareAcrossEpochs() {
        // given
        Position old = pos(1, "edits:0", 100);
        Position current = pos(2, "edits:0", 3);
        // then
        assertThatThrownBy(() -> old.merge(current)).isInstanceOf(EpochMismatchException.class)
                .hasMessageContaining("epoch 1").hasMessageContaining("epoch 2");
        assertThatThrownBy(() -> current.dominates(old)).isInstanceOf(EpochMismatchException.class);
        assertThatThrownBy(() -> current.missingFrom(old)).isInstanceOf(ConsistencyException.class);
    }

    @Test
    void shouldRejectNegativeOffsetsAndEpochsNamingTheValue() {
        assertThatThrownBy(() -> Position.of(1, Map.of(TopicPartitionKey.of("edits", 0), -1L)))
                .hasMessageContaining("-1").hasMessageContaining("edits:0");
        assertThatThrownBy(() -> Position.empty(-3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> TopicPartitionKey.of("bad topic", 0)).hasMessageContaining("bad topic");
    }

    @Test
    void shouldBeImmutable() {
        // given
        Position p = pos(1, "edits:0", 1);
        // when
        Position changed = p.withOffset(TopicPartitionKey.of("edits", 0), 9);
        // then
        assertThat(p.offset(TopicPartitionKey.of("edits", 0))).isEqualTo(1);
        assertThat(changed.offset(TopicPartitionKey.of("edits", 0))).isEqualTo(9);
        assertThatThrownBy(() -> p.offsets().put(TopicPartitionKey.of("edits", 5), 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldWriteDocumentedJsonForm() {
        assertThat(pos(1, "edits:3", 41, "edits:0", 17).toJson())
                .isEqualTo("{\"epoch\":1,\"offsets\":{\"edits:0\":17,\"edits:3\":41}}");
    }

    @Test
    void shouldRejectJsonWithAReadableMessage() {
        assertThatThrownBy(() -> Position.fromJson("{\"epoch\":1,\"offsets\":{\"edits\":3}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edits");
        assertThatThrownBy(() -> Position.fromJson("{\"offsets\":{}}")).hasMessageContaining("epoch");
    }

    @Test
    void shouldRejectTruncatedOrPaddedBinaryForm() {
        // given
        byte[] bytes = pos(4, "edits:0", 70_000, "edits:1", 70_100).toBytes();
        // then
        assertThatThrownBy(() -> Position.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid binary position");
        assertThatThrownBy(() -> Position.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
                .hasMessageContaining("trailing");
    }

    @Test
    void shouldParseAndPrintDots() {
        Dot dot = Dot.parse("media.v2:11@1234");
        assertThat(dot).isEqualTo(Dot.of("media.v2", 11, 1234));
        assertThat(dot.toString()).isEqualTo("media.v2:11@1234");
        assertThat(Position.of(0, "media.v2", 11, 1234).covers(dot)).isTrue();
        assertThatThrownBy(() -> Dot.parse("edits:1")).hasMessageContaining("edits:1");
    }
}
