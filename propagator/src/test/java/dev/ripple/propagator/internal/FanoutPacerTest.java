package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The fan-out's back pressure: start low, climb while the lanes keep up, cut in proportion (once per lag) while they
 * lag.
 */
class FanoutPacerTest {
    /** Long enough for a share to climb from the start to the whole rate, in ms. */
    private static final long CLIMB_MS = 100 * (long) Math.ceil((1 - FanoutPacer.START_SHARE) / FanoutPacer.INCREASE);

    private final FanoutPacer pacer = new FanoutPacer();

    @Test
    void shouldStartLowAndClimbToTheWholeRateWhileTheLanesKeepUp() {
        double share = 0;
        for (long now = 0; now <= CLIMB_MS; now += 100) {
            pacer.observe(now - 40, now);
            share = pacer.share("edits", 250, now);
            if (now == 0) {
                assertThat(share).isCloseTo(FanoutPacer.START_SHARE + FanoutPacer.INCREASE, within(1e-9));
            }
            if (now == CLIMB_MS / 2) {
                assertThat(share).isBetween(0.4, 0.6);
            }
        }
        assertThat(share).isEqualTo(1.0);
    }

    @Test
    void shouldCutInProportionOncePerLagAndNeverBelowTheFloor() {
        int climbed = (int) (CLIMB_MS / 100);
        double[] shares = new double[climbed + 41];
        for (int step = 0; step < shares.length; step++) {
            long now = step * 100L;
            // (the lanes keep up until the share is whole, then fall 1,000 ms behind)
            pacer.observe(now - (step < climbed ? 40 : 1_000), now);
            shares[step] = pacer.share("edits", 250, now);
        }
        assertThat(shares[climbed - 1]).isEqualTo(1.0);
        // a quarter, as 250 / 1,000 says; then again only a lag (1 s) later
        assertThat(shares[climbed]).isEqualTo(0.25);
        assertThat(shares[climbed + 9]).isEqualTo(0.25);
        assertThat(shares[climbed + 10]).isEqualTo(0.0625);
        assertThat(shares[climbed + 40]).isEqualTo(FanoutPacer.MIN_SHARE);
    }

    @Test
    void shouldCutAtMostByHalfWhenTheLagIsJustPastTheBound() {
        for (long now = 0; now < CLIMB_MS; now += 100) {
            pacer.share("edits", 250, now);
        }
        pacer.observe(CLIMB_MS - 300, CLIMB_MS);
        assertThat(pacer.share("edits", 250, CLIMB_MS)).isEqualTo(0.5);
    }

    @Test
    void shouldStartLowAgainAfterAPauseAndKeepEachStreamsShareItsOwn() {
        double low = FanoutPacer.START_SHARE + FanoutPacer.INCREASE;
        for (long now = 0; now < CLIMB_MS; now += 100) {
            pacer.share("edits", 250, now);
        }
        assertThat(pacer.share("edits", 250, CLIMB_MS)).isEqualTo(1.0);
        assertThat(pacer.share("other", 250, CLIMB_MS)).isCloseTo(low, within(1e-9));
        // a stream that walked nothing for more than a second starts again low
        assertThat(pacer.share("edits", 250, CLIMB_MS + FanoutPacer.PAUSE_MS + 100)).isCloseTo(low, within(1e-9));
        assertThat(pacer.recentLagMs(CLIMB_MS + 5_000)).isZero();
    }
}
