package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The fan-out's back pressure: start low, climb while the lanes keep up, cut in proportion (once per lag) while they
 * lag.
 */
class FanoutPacerTest {
    private final FanoutPacer pacer = new FanoutPacer();

    @Test
    void shouldStartLowAndClimbToTheWholeRateWhileTheLanesKeepUp() {
        double share = 0;
        for (long now = 0; now <= 2_000; now += 100) {
            pacer.observe(now - 40, now);
            share = pacer.share("edits", 250, now);
            if (now == 0) {
                assertThat(share).isCloseTo(FanoutPacer.START_SHARE + FanoutPacer.INCREASE, within(1e-9));
            }
        }
        assertThat(share).isEqualTo(1.0);
    }

    @Test
    void shouldCutInProportionOncePerLagAndNeverBelowTheFloor() {
        double[] shares = new double[61];
        for (int step = 0; step <= 60; step++) {
            long now = step * 100L;
            // (the lanes keep up for the first 2 s, so the share is whole when they fall 1,000 ms behind)
            pacer.observe(now - (step < 20 ? 40 : 1_000), now);
            shares[step] = pacer.share("edits", 250, now);
        }
        assertThat(shares[19]).isEqualTo(1.0);
        // a quarter, as 250 / 1,000 says; then again only a lag (1 s) later
        assertThat(shares[20]).isEqualTo(0.25);
        assertThat(shares[29]).isEqualTo(0.25);
        assertThat(shares[30]).isEqualTo(0.0625);
        assertThat(shares[60]).isEqualTo(FanoutPacer.MIN_SHARE);
    }

    @Test
    void shouldCutAtMostByHalfWhenTheLagIsJustPastTheBound() {
        for (long now = 0; now < 2_000; now += 100) {
            pacer.share("edits", 250, now);
        }
        pacer.observe(1_700, 2_000);
        assertThat(pacer.share("edits", 250, 2_000)).isEqualTo(0.5);
    }

    @Test
    void shouldStartLowAgainAfterAPauseAndKeepEachStreamsShareItsOwn() {
        for (long now = 0; now < 2_000; now += 100) {
            pacer.share("edits", 250, now);
        }
        assertThat(pacer.share("edits", 250, 2_000)).isEqualTo(1.0);
        assertThat(pacer.share("other", 250, 2_000)).isCloseTo(0.15, within(1e-9));
        // a stream that walked nothing for more than a second starts again low
        assertThat(pacer.share("edits", 250, 2_000 + FanoutPacer.PAUSE_MS + 100)).isCloseTo(0.15, within(1e-9));
        assertThat(pacer.recentLagMs(5_000)).isZero();
    }
}
