package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatioWindowTest {

    @Test
    void shouldCountOnlyWhatWasJudgedWithinTheWindow() {
        RatioWindow window = new RatioWindow(60_000);
        assertThat(window.ratio(0)).isNaN();
        window.add(true, 1_000);
        window.add(false, 2_000);
        assertThat(window.counts(2_000)).containsExactly(2, 1);
        assertThat(window.ratio(2_000)).isEqualTo(0.5);

        window.add(true, 40_000);
        assertThat(window.counts(40_000)).containsExactly(3, 2);
        // the first two leave the window a minute later, the third stays
        assertThat(window.counts(62_500)).containsExactly(1, 1);
        assertThat(window.ratio(62_500)).isEqualTo(1.0);
        assertThat(window.ratio(200_000)).isNaN();
    }

    @Test
    void shouldReuseABucketForANewSpanWithoutKeepingItsOldCounts() {
        RatioWindow window = new RatioWindow(6_000);
        window.add(false, 500);
        window.add(true, 6_500); // the same bucket index, one window later
        assertThat(window.counts(6_500)).containsExactly(1, 1);
    }
}
