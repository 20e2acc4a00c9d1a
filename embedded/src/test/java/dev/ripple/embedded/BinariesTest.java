package dev.ripple.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.embedded.internal.Binaries;
import dev.ripple.embedded.internal.FreePorts;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinariesTest {

    @Test
    void shouldSayHowToInstallABinaryThatIsMissing() {
        assertThatThrownBy(() -> Binaries.require("ripple-no-such-binary", "RIPPLE_NO_SUCH_BINARY",
                "Install it with 'sudo apt-get install ripple-no-such-binary'."))
                .isInstanceOf(MissingBinaryException.class)
                .hasMessage("ripple-no-such-binary was not found on PATH. "
                        + "Install it with 'sudo apt-get install ripple-no-such-binary'.");
    }

    @Test
    void shouldFindAnExecutableOnPath() {
        assertThat(Binaries.find("sh")).isPresent();
    }

    @Test
    void shouldPickDistinctPorts() {
        int[] ports = FreePorts.pick(8);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(8);
        assertThat(Arrays.stream(ports).boxed()).allMatch(p -> p > 0 && p < 65536);
    }
}
