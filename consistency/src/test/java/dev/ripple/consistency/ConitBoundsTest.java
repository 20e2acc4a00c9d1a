package dev.ripple.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A conit's bounds as a config states them, and the override a reader may ask for. */
class ConitBoundsTest {
    @Test
    void shouldTakeAnAbsentBoundAsUnbounded() {
        assertThat(ConitBounds.of(null, null, null)).isEqualTo(ConitBounds.unbounded());
        assertThat(ConitBounds.of(5_000L, null, 2.5)).isEqualTo(new ConitBounds(5_000, Long.MAX_VALUE, 2.5));
    }

    @Test
    void shouldRefuseANegativeBoundNamingIt() {
        assertThatThrownBy(() -> ConitBounds.of(null, -1L, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_unapplied");
    }

    @Test
    void shouldTightenOnlyDownward() {
        ConitBounds conit = ConitBounds.of(60_000L, 100L, null);

        assertThat(conit.tightenedBy(ConitBounds.of(1_000L, 500L, 3.0)))
                .isEqualTo(new ConitBounds(1_000, 100, 3.0));
    }
}
