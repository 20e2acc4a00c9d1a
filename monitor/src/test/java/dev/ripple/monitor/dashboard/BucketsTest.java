package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {
    private static Buckets of(double total, double[] bounds, double... cumulative) {
        return new Buckets(bounds, cumulative, total);
    }

    @Test
    void shouldInterpolateAQuantileWithinItsBucketAsHistogramQuantileDoes() {
        Buckets b = of(100, new double[] {10, 20, 40}, 0, 50, 100);

        assertThat(b.quantile(0.5)).isCloseTo(20, within(1e-9));
        assertThat(b.quantile(0.99)).isCloseTo(39.6, within(1e-9));
        assertThat(b.quantile(0.25)).isCloseTo(15, within(1e-9));
    }

    @Test
    void shouldAnswerTheLastBoundForAQuantileAboveEveryBoundAndNullWithoutObservations() {
        assertThat(of(110, new double[] {10, 20}, 50, 100).quantile(0.99)).isEqualTo(20);
        assertThat(of(0, new double[] {10, 20}, 0, 0).quantile(0.5)).isNull();
    }

    @Test
    void shouldSubtractAnEarlierSnapshotAndTakeAllAfterAReset() {
        Buckets earlier = of(10, new double[] {10, 20}, 10, 10);
        Buckets later = of(30, new double[] {10, 20}, 10, 30);

        Buckets between = later.minus(earlier);
        assertThat(between.total()).isEqualTo(20);
        assertThat(between.cumulative()).containsExactly(0, 20);
        // a timer registered anew counts from 0: what it holds is what happened
        assertThat(earlier.minus(later)).isSameAs(earlier);
    }

    @Test
    void shouldSumTimersWithDifferentBoundsAtTheUnionOfBounds() {
        Buckets sum = Buckets.sum(List.of(of(2, new double[] {10, 30}, 1, 2), of(4, new double[] {20, 30}, 3, 4)));

        assertThat(sum.boundsMs()).containsExactly(10, 20, 30);
        assertThat(sum.cumulative()).containsExactly(1, 4, 6);
        assertThat(sum.total()).isEqualTo(6);
    }
}
