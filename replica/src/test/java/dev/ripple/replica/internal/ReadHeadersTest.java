package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadHeadersTest {

    @Test
    void shouldWaitForTheDefaultWhenNoViolationPolicyIsSent() {
        assertThat(ReadHeaders.onViolation(null, 200)).isEqualTo(new ReadHeaders.OnViolation(ReadHeaders.Mode.WAIT, 200));
        assertThat(ReadHeaders.onViolation(" ", 200).waitMs()).isEqualTo(200);
    }

    @Test
    void shouldReadEachViolationPolicy() {
        assertThat(ReadHeaders.onViolation("wait=1500", 200))
                .isEqualTo(new ReadHeaders.OnViolation(ReadHeaders.Mode.WAIT, 1500));
        assertThat(ReadHeaders.onViolation("Redirect", 200).mode()).isEqualTo(ReadHeaders.Mode.REDIRECT);
        assertThat(ReadHeaders.onViolation(" refuse ", 200).mode()).isEqualTo(ReadHeaders.Mode.REFUSE);
    }

    @Test
    void shouldRefuseAViolationPolicyItDoesNotKnowNamingTheHeader() {
        assertThatThrownBy(() -> ReadHeaders.onViolation("wait=-1", 200))
                .isInstanceOf(ReadHeaders.BadHeader.class).hasMessageContaining("Ripple-On-Violation")
                .hasMessageContaining("wait=<ms>, redirect or refuse");
        assertThatThrownBy(() -> ReadHeaders.onViolation("block", 200)).isInstanceOf(ReadHeaders.BadHeader.class);
        assertThatThrownBy(() -> ReadHeaders.onViolation("wait=99999999999999", 200))
                .isInstanceOf(ReadHeaders.BadHeader.class);
    }

    @Test
    void shouldReadEitherOrBothStalenessBounds() {
        assertThat(ReadHeaders.maxStaleness(null).isNone()).isTrue();
        assertThat(ReadHeaders.maxStaleness("ms=500, versions=3"))
                .isEqualTo(new ReadHeaders.MaxStaleness(500L, 3L));
        assertThat(ReadHeaders.maxStaleness("versions=0")).isEqualTo(new ReadHeaders.MaxStaleness(null, 0L));
    }

    @Test
    void shouldRefuseAMalformedStalenessBoundWithoutEchoingControlCharacters() {
        assertThatThrownBy(() -> ReadHeaders.maxStaleness("ms=5, ms=6")).isInstanceOf(ReadHeaders.BadHeader.class);
        assertThatThrownBy(() -> ReadHeaders.maxStaleness("seconds=5\u0007"))
                .isInstanceOf(ReadHeaders.BadHeader.class).hasMessageContaining("seconds=5?")
                .hasMessageContaining("ms=<T>, versions=<K>");
    }
}
