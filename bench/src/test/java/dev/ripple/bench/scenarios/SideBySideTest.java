package dev.ripple.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The table {@code http-e2e} prints, and when its lanes send. */
class SideBySideTest {
    private static final double[] EXACTLY_ONCE_GOAL = {10, 100};

    @Test
    void shouldTakeEachPercentileAsTheValueAtItsRankAndKeepEventsNeverReceivedAtTheTop() {
        double[] millis = IntStream.rangeClosed(1, 1000).mapToDouble(i -> 1001 - i).toArray();

        SideBySide.Percentiles p = SideBySide.Percentiles.of(millis);

        assertThat(p).isEqualTo(new SideBySide.Percentiles(501, 901, 991, 1000));
        assertThat(millis[0]).as("left as they are").isEqualTo(1000);

        millis[0] = Double.POSITIVE_INFINITY;
        assertThat(SideBySide.Percentiles.of(millis).p999()).isInfinite();
    }

    @Test
    void shouldTakeTheMedianOfEachPercentileOnItsOwn() {
        SideBySide.Percentiles median = SideBySide.Percentiles.median(List.of(
                new SideBySide.Percentiles(1, 9, 90, 200), new SideBySide.Percentiles(3, 5, 50, 100),
                new SideBySide.Percentiles(2, 7, 70, 300)));

        assertThat(median).isEqualTo(new SideBySide.Percentiles(2, 7, 70, 200));
        assertThat(SideBySide.Percentiles.median(List.of())).isNull();
    }

    @Test
    void shouldPrintEverySubjectWithItsRatiosToTheBaselineAndTheGoals() {
        SideBySide table = new SideBySide(List.of("raw", "ripple"), 500);
        for (double rate : new double[] {1000, 1200, 800}) {
            table.blast("raw", new SideBySide.Round(rate, 0.5, 0.2, 0.1, null));
        }
        table.blast("ripple", new SideBySide.Round(6000, 0.6, 0.3, 0.1, null));
        table.paced("raw", new SideBySide.Round(500, 0.9, 0.4, 0.5, new SideBySide.Percentiles(1, 2, 5, 20)));
        table.paced("ripple", new SideBySide.Round(500, 1.2, 0.5, 0.45, new SideBySide.Percentiles(8, 20, 80, 120)));

        String md = table.markdown(EXACTLY_ONCE_GOAL);

        assertThat(md)
                .contains("| raw | 1,000 (1.00x) | 1.0 / 2.0 / 5.0 / 20 (p99 1.0x) | 0.50 / 0.90 (+ 0.20 / 0.40; JIT 0.10 / 0.50) |")
                .contains("| ripple | 6,000 (6.00x) | 8.0 / 20 / 80 / 120 (p99 16.0x) | 0.60 / 1.20 (+ 0.30 / 0.50; JIT 0.10 / 0.45) |")
                .contains("| ripple | p50 ≤ 10 ms and p99 ≤ 100 ms at 500/s | 8.0 / 80 ms | met |")
                .contains("| ripple | CPU per event at 500/s ≤ 1.5× the blast's | 2.00× | **missed** |")
                .contains("| ripple | the same, both less the JIT compilers | 1.50× | met |")
                .contains("| ripple | blast ≥ 5,193 delivered/s | 6,000/s | met |")
                .doesNotContain("| raw | p50");
    }

    @Test
    void shouldLeaveOutWhatWasNotMeasuredAndShowALossAsInfinite() {
        SideBySide table = new SideBySide(List.of("raw", "ripple"), 500);
        table.paced("ripple", new SideBySide.Round(400, 1, 0, 0, new SideBySide.Percentiles(8, 20, 80,
                Double.POSITIVE_INFINITY)));

        String md = table.markdown(EXACTLY_ONCE_GOAL);

        assertThat(md).contains("| raw | – | – | – / – (+ – / –; JIT – / –) |")
                .contains("| ripple | – | 8.0 / 20 / 80 / ∞ (p99 –) | – / 1.00 (+ – / 0.00; JIT – / 0.00) |")
                .doesNotContain("blast ≥").doesNotContain("CPU per event at");
        assertThatThrownBy(() -> table.blast("peer", new SideBySide.Round(1, 1, 1, 0, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer");
    }

    @Test
    void shouldLetPacedLanesTakeTurnsAtAnEvenRateAndUnpacedOnesGoAtOnce() {
        PostLanes.Pacing paced = new PostLanes.Pacing(5, (body, nanoTime) -> { });

        assertThat(paced.due(1_000, 0, 0, 4)).isEqualTo(1_000);
        assertThat(paced.due(1_000, 1, 2, 4)).as("the 9th body overall, at 5/s").isEqualTo(1_000 + 1_800_000_000L);
        assertThat(PostLanes.Pacing.AT_ONCE.due(1_000, 3, 7, 4)).isEqualTo(1_000);
        assertThatThrownBy(() -> new PostLanes.Pacing(-1, (body, nanoTime) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
