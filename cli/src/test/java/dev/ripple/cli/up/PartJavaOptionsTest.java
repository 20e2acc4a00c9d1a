package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM options each part of {@code ripple up --processes} is started with. */
class PartJavaOptionsTest {
    private static final PartLaunch REPLICA = PartLaunch.stack(List.of("eqiad"), 1).stream()
            .filter(l -> l.name().equals("replica eqiad")).findFirst().orElseThrow();

    @Test
    void shouldGiveTheDefaultHeapAloneWhenNoneAreSet() {
        assertThat(PartJavaOptions.parse(null).forPart(REPLICA)).containsExactly("-Xmx256m");
        assertThat(PartJavaOptions.parse("  ").forPart(REPLICA)).containsExactly("-Xmx256m");
    }

    @Test
    void shouldAddTheGivenOptionsAfterTheDefaultHeapWithThePartNamed() {
        assertThat(PartJavaOptions.parse(" -Xmx512m\t-Xlog:gc*:file=/tmp/gc-{part}.log ").forPart(REPLICA))
                .containsExactly("-Xmx256m", "-Xmx512m", "-Xlog:gc*:file=/tmp/gc-replica-eqiad.log");
    }
}
