package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.SourcePosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreSerdesTest {

    @Test
    void shouldRoundTripKeyVersionsWithAndWithoutRevision() {
        var serde = KeyVersion.serde();
        for (KeyVersion version : new KeyVersion[] {new KeyVersion(42L, 7), new KeyVersion(null, 0)}) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", version)))
                    .isEqualTo(version);
        }
    }

    @Test
    void shouldRoundTripSourcePositionsToTheNanosecond() {
        var serde = SourcePositionSerde.serde();
        SourcePosition position = new SourcePosition("ripple.stream.édits", 5, 123_456_789_012L,
                Instant.parse("2026-11-22T10:00:00.123456789Z"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", position)))
                .isEqualTo(position);
    }

    @Test
    void shouldTreatAWriteAsNewerByRevisionWhenBothHaveOneAndByOffsetOtherwise() {
        KeyVersion known = new KeyVersion(5L, 100);
        assertThat(known.isOlderThan(6L, 50)).isTrue();
        assertThat(known.isOlderThan(5L, 200)).isFalse();
        assertThat(known.isOlderThan(null, 101)).isTrue();
        assertThat(new KeyVersion(null, 100).isOlderThan(1L, 99)).isFalse();
        assertThat(known.after(null, 101)).isEqualTo(new KeyVersion(5L, 101));
    }
}
