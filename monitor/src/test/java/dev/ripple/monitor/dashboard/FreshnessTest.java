package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ripple.prober.ProberMetricNames;
import dev.ripple.runtime.server.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The Freshness panel's data from a prober's meters, registered as the prober registers them (all at start). */
class FreshnessTest {
    private static final List<String> LADDER = List.of("0.5", "5", "30");
    private final MeterRegistry registry = Metrics.create().registry();
    /** The ratio each gauge reads: NaN (nothing judged in the window) until a test sets it. */
    private final Map<String, Double> ratios = new ConcurrentHashMap<>();

    /** A prober's meters for each region and target: judged and consistent counters at 0, ratios NaN. */
    private void prober(List<String> regions, List<String> targets) {
        for (String region : regions) {
            for (String target : targets) {
                for (String within : LADDER) {
                    Tags tags = Tags.of(ProberMetricNames.TAG_REGION, region, ProberMetricNames.TAG_TARGET, target,
                            ProberMetricNames.TAG_WITHIN, within);
                    String key = region + " " + target + " " + within;
                    Gauge.builder(ProberMetricNames.CONSISTENT_RATIO, () -> ratios.getOrDefault(key, Double.NaN))
                            .tags(tags).register(registry);
                    Counter.builder(ProberMetricNames.JUDGED).tags(tags).register(registry);
                    Counter.builder(ProberMetricNames.CONSISTENT_WITHIN).tags(tags).register(registry);
                }
            }
        }
    }

    private void judged(String region, String target, String within, int judged, int consistent) {
        Tags tags = Tags.of(ProberMetricNames.TAG_REGION, region, ProberMetricNames.TAG_TARGET, target,
                ProberMetricNames.TAG_WITHIN, within);
        registry.counter(ProberMetricNames.JUDGED, tags).increment(judged);
        registry.counter(ProberMetricNames.CONSISTENT_WITHIN, tags).increment(consistent);
        ratios.put(region + " " + target + " " + within, (double) consistent / judged);
    }

    @Test
    void shouldSayThereIsNoProberWhenNoneRunsInTheProcess() {
        Map<String, Object> view = new Freshness(registry).view();

        assertThat(view).containsEntry("probing", false).containsEntry("delays", List.of())
                .containsEntry("targets", List.of());
    }

    @Test
    void shouldGiveTheNinesOfEachRegionAndTargetWithinEachDelayAndNothingWhereNothingWasJudged() {
        // given a prober of two regions, their replicas and caches; esams's replica served 999 of 1000 writes
        // within 5 s and half of them within 0.5 s; eqiad's all; the caches none judged yet
        prober(List.of("esams", "eqiad"), List.of("purge/cache", ProberMetricNames.TARGET_REPLICA));
        judged("esams", "replica", "0.5", 1000, 500);
        judged("esams", "replica", "5", 1000, 999);
        judged("eqiad", "replica", "5", 1000, 1000);

        Map<String, Object> view = new Freshness(registry).view();

        // then the delays are in the ladder's order (as numbers), rows by region with the replica first
        assertThat(view).containsEntry("probing", true).containsEntry("delays", LADDER);
        List<String> rows = new ArrayList<>();
        targets(view).forEach(t -> rows.add(t.get("region") + " " + t.get("target")));
        assertThat(rows).containsExactly("eqiad replica", "eqiad purge/cache", "esams replica", "esams purge/cache");
        Map<String, Object> esams = cell(view, "esams replica", "5");
        assertThat((Double) esams.get("nines")).isCloseTo(3, within(1e-9));
        assertThat(esams).containsEntry("ratio", 0.999).containsEntry("judged_total", 1000.0)
                .containsEntry("consistent_total", 999.0);
        assertThat((Double) cell(view, "esams replica", "0.5").get("nines")).isCloseTo(0.30103, within(1e-5));
        // a perfect ratio reads as the ceiling, not infinity
        assertThat(cell(view, "eqiad replica", "5")).containsEntry("nines", Freshness.CEILING);
        // nothing judged in the window: no ratio and no nines, while the counters say none was judged
        assertThat(cell(view, "esams purge/cache", "30")).containsEntry("ratio", null).containsEntry("nines", null)
                .containsEntry("judged_total", 0.0);
    }

    @Test
    void shouldReadNinesAsMinusLog10OfTheMissedShareUpToTheCeiling() {
        assertThat(Freshness.nines(0.9999)).isCloseTo(4, within(1e-9));
        assertThat(Freshness.nines(0.99)).isCloseTo(2, within(1e-9));
        assertThat(Freshness.nines(0)).isEqualTo(0.0).isNotNegative();
        assertThat(Freshness.nines(1)).isEqualTo(6);
        assertThat(Freshness.nines(0.99999999)).isEqualTo(6);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("targets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cell(Map<String, Object> view, String row, String within) {
        Map<String, Object> target = targets(view).stream().filter(t -> row.equals(t.get("region") + " "
                + t.get("target"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) target.get("within")).stream().filter(c -> within.equals(c.get("within")))
                .findFirst().orElseThrow();
    }
}
