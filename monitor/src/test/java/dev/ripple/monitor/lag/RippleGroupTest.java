package dev.ripple.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RippleGroupTest {
    private static final List<String> PREFIXES = List.of("ripple-", "ripple.");

    @Test
    void shouldReadComponentAndRegionFromHyphenatedAndDottedNames() {
        assertThat(RippleGroup.parse("ripple-replica-eqiad", PREFIXES))
                .contains(new RippleGroup("ripple-replica-eqiad", "replica", "eqiad"));
        assertThat(RippleGroup.parse("ripple.purger.esams", PREFIXES))
                .contains(new RippleGroup("ripple.purger.esams", "purger", "esams"));
        assertThat(RippleGroup.parse("ripple-propagator", PREFIXES))
                .contains(new RippleGroup("ripple-propagator", "propagator", null));
    }

    @Test
    void shouldIgnoreGroupsOutsideThePrefixes() {
        assertThat(RippleGroup.parse("billing-consumer", PREFIXES)).isEmpty();
        assertThat(RippleGroup.parse("ripple-", PREFIXES)).isEmpty();
    }
}
