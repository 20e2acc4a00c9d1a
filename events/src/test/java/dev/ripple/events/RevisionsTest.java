package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevisionsTest {

    @Test
    void shouldTakeTheHigherRevisionAndKeepOneWhenTheOtherIsAbsent() {
        assertThat(Revisions.max(null, null)).isNull();
        assertThat(Revisions.max(null, 7L)).isEqualTo(7L);
        assertThat(Revisions.max(7L, null)).isEqualTo(7L);
        assertThat(Revisions.max(3L, 9L)).isEqualTo(9L);
        assertThat(Revisions.max(9L, 3L)).isEqualTo(9L);
        assertThat(Revisions.max(Long.MAX_VALUE, 0L)).isEqualTo(Long.MAX_VALUE);
    }
}
