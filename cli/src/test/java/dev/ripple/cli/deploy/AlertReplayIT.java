package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ripple.prober.ProberMetricNames;
import dev.ripple.runtime.server.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AlertReplay} over hand-made scrapes of the prober's counters (promtool is a real binary, hence an IT). */
class AlertReplayIT {
    private static final Map<String, String> ESAMS_REPLICA = Map.of("region", "esams", "target", "replica");
    private static final Map<String, String> EQIAD_REPLICA = Map.of("region", "eqiad", "target", "replica");
    @TempDir
    Path dir;

    /**
     * Scrapes a minute apart of 200 writes judged each per region within 1 s and 60 s: eqiad serves all of them; esams,
     * held from the sixth scrape to the tenth, serves none of those within 1 s and half within 60 s, then all again.
     */
    private static List<Map<String, Double>> heldEsams(int scrapes) {
        List<Map<String, Double>> all = new ArrayList<>();
        double esams1 = 0;
        double esams60 = 0;
        for (int i = 0; i < scrapes; i++) {
            Map<String, Double> scrape = new LinkedHashMap<>();
            double judged = 200.0 * i;
            boolean held = i >= 6 && i <= 9;
            esams1 += i == 0 || held ? 0 : 200;
            esams60 += i == 0 ? 0 : held ? 100 : 200;
            for (String within : List.of("1", "60")) {
                scrape.put(series("ripple_probe_judged_total", "eqiad", within), judged);
                scrape.put(series("ripple_probe_consistent_within_total", "eqiad", within), judged);
                scrape.put(series("ripple_probe_judged_total", "esams", within), judged);
            }
            scrape.put(series("ripple_probe_consistent_within_total", "esams", "1"), esams1);
            scrape.put(series("ripple_probe_consistent_within_total", "esams", "60"), esams60);
            // the prober's own gauge, NaN while it has judged nothing: replayed as it was
            scrape.put("ripple_probe_consistent_within_ratio{region=\"codfw\",target=\"replica\",within=\"1\"}",
                    Double.NaN);
            all.add(scrape);
        }
        return all;
    }

    private static String series(String name, String region, String within) {
        return name + "{region=\"" + region + "\",target=\"replica\",within=\"" + within + "\"}";
    }

    @Test
    void shouldFireTheFreshnessAlertsForTheHeldRegionOnlyAtTheEndOfTheHold() throws Exception {
        AlertReplay replay = AlertReplay.of(heldEsams(10), dir);

        // the last scrape at 9 min, held for each alert's 'for' and a minute: the ticket's 10 min, the page's 5
        assertThat(replay.end("RippleFreshnessBelowSlo")).isEqualTo(Duration.ofMinutes(20));
        assertThat(replay.end("RippleWritesNotArriving")).isEqualTo(Duration.ofMinutes(15));
        replay.assertFires("RippleFreshnessBelowSlo", ESAMS_REPLICA);
        replay.assertFires("RippleWritesNotArriving", Map.of("region", "esams"));
        replay.assertQuiet("RippleFreshnessBelowSlo", EQIAD_REPLICA);
        replay.assertQuiet("RippleWritesNotArriving", EQIAD_REPLICA);
        replay.assertQuiet("RippleProberJudgingNothing", Map.of());
        assertThat(replay.fires("RippleFreshnessBelowSlo", Map.of("region", "esams", "target", "purge/cache")))
                .isFalse();
        // the labels asked for are any of the alert's: its own, and those its expression keeps (by region and target,
        // not the scrape's job)
        assertThat(replay.fires("RippleFreshnessBelowSlo", Map.of("severity", "ticket"))).isTrue();
        assertThat(replay.fires("RippleFreshnessBelowSlo", Map.of("severity", "ticket", "job", "ripple"))).isFalse();
    }

    @Test
    void shouldNotFireBeforeTheRulesForHasPassedNorOnceTheWindowHasSlidPastTheHold() throws Exception {
        AlertReplay replay = AlertReplay.of(heldEsams(10), dir);

        // held 2 min after the last scrape, the ticket's 10 min 'for' has not passed (pending, not firing)
        assertThat(replay.holdingLast(Duration.ofMinutes(2)).fires("RippleFreshnessBelowSlo", ESAMS_REPLICA))
                .isFalse();
        assertThat(replay.holdingLast(Duration.ofMinutes(2)).firing("RippleFreshnessBelowSlo"))
                .contains("alertstate=\"pending\"", "region=\"esams\"");
        // 80 scrapes, esams serving every write again after the tenth: at the end (90 min) the hour the SLO is
        // computed over has no miss left, while the first 40 of them still fire
        AlertReplay recovered = AlertReplay.of(heldEsams(80), dir);
        assertThat(recovered.end("RippleFreshnessBelowSlo")).isEqualTo(Duration.ofMinutes(90));
        recovered.assertQuiet("RippleFreshnessBelowSlo", ESAMS_REPLICA);
        recovered.assertQuiet("RippleWritesNotArriving", ESAMS_REPLICA);
        AlertReplay.of(heldEsams(40), dir).assertFires("RippleFreshnessBelowSlo", ESAMS_REPLICA);
        // held 20 min, the 15 min of the page have forgotten the misses: a hold longer than the rule's window hides
        // what it would have paged for
        assertThat(replay.holdingLast(Duration.ofMinutes(20)).fires("RippleWritesNotArriving", ESAMS_REPLICA))
                .isFalse();
        // scrapes 10 s apart: the 15 min of the page still see the misses 2 min after the last scrape
        AlertReplay fast = replay.every(Duration.ofSeconds(10)).holdingLast(Duration.ofMinutes(6));
        assertThat(fast.end("RippleWritesNotArriving")).isEqualTo(Duration.ofSeconds(90 + 360));
        fast.assertFires("RippleWritesNotArriving", ESAMS_REPLICA);
    }

    @Test
    void shouldSayWhichAlertsFireWhenAnAssertionFails() throws Exception {
        AlertReplay replay = AlertReplay.of(heldEsams(10), dir);

        assertThatThrownBy(() -> replay.assertFires("RippleFreshnessBelowSlo", EQIAD_REPLICA))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not fire at PT20M")
                .hasMessageContaining("region=\"esams\"");
        assertThatThrownBy(() -> replay.assertQuiet("RippleFreshnessBelowSlo", ESAMS_REPLICA))
                .isInstanceOf(AssertionError.class).hasMessageContaining("fires at PT20M");
    }

    @Test
    void shouldReplayEachScrapeAsASampleAndTheLastOneForTheHoldWithTheTargetLabels() throws Exception {
        Map<String, Double> first = Map.of("ripple_probe_samples_total{stream=\"edits\"}", 1.0);
        Map<String, Double> second = Map.of("ripple_probe_samples_total{stream=\"edits\"}", 3.0,
                "ripple_probe_pending", 12.0);

        AlertReplay replay = AlertReplay.of(List.of(first, second), dir).every(Duration.ofSeconds(30))
                .holdingLast(Duration.ofMinutes(1));
        JsonNode file = new YAMLMapper().readTree(replay.testFile("RippleProberJudgingNothing"));

        assertThat(file.path("interval").asText()).isEqualTo("30s");
        Map<String, String> values = new LinkedHashMap<>();
        file.path("input_series").forEach(s -> values.put(s.path("series").asText(), s.path("values").asText()));
        assertThat(values).containsExactly(
                Map.entry("ripple_probe_pending{instance=\"replay:9400\", job=\"ripple\"}", "_ 12 12 12"),
                Map.entry("ripple_probe_samples_total{instance=\"replay:9400\", job=\"ripple\", stream=\"edits\"}",
                        "1 3 3 3"));
    }

    @Test
    void shouldReplayScrapesOfAProcessRegistryAsItsMetricsRouteWritesThem() throws Exception {
        // given a prober's meters in the process's registry (as /metrics serves it), judged 150 writes a minute in
        // each region within 1 s, and esams's replica missing 2 a minute in the last five minutes
        Metrics metrics = Metrics.create();
        Map<String, Counter> counters = new LinkedHashMap<>();
        for (String region : List.of("eqiad", "esams")) {
            Tags tags = Tags.of(ProberMetricNames.TAG_REGION, region, ProberMetricNames.TAG_TARGET,
                    ProberMetricNames.TARGET_REPLICA, ProberMetricNames.TAG_WITHIN, "1");
            counters.put(region + " judged", Counter.builder(ProberMetricNames.JUDGED).tags(tags)
                    .register(metrics.registry()));
            counters.put(region + " consistent", Counter.builder(ProberMetricNames.CONSISTENT_WITHIN).tags(tags)
                    .register(metrics.registry()));
            Gauge.builder(ProberMetricNames.CONSISTENT_RATIO, () -> Double.NaN).tags(tags).register(metrics.registry());
        }
        List<Map<String, Double>> scrapes = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            scrapes.add(AlertReplay.parse(metrics.scrape(), "ripple_probe_"));
            for (String region : List.of("eqiad", "esams")) {
                counters.get(region + " judged").increment(150);
                counters.get(region + " consistent").increment(region.equals("esams") && minute >= 5 ? 148 : 150);
            }
        }
        scrapes.add(AlertReplay.parse(metrics.scrape(), "ripple_probe_"));

        // then the scrapes read back as series, and the ticket fires for esams only
        assertThat(scrapes.get(1)).containsEntry(
                "ripple_probe_judged_total{region=\"esams\",target=\"replica\",within=\"1\"}", 150.0);
        AlertReplay replay = AlertReplay.of(scrapes, dir);
        replay.assertFires("RippleFreshnessBelowSlo", ESAMS_REPLICA);
        replay.assertQuiet("RippleFreshnessBelowSlo", EQIAD_REPLICA);
    }

    @Test
    void shouldReadTheSeriesOfAMetricsAnswer() {
        String metrics = """
                # HELP ripple_probe_judged_total (Sampled write, target) pairs judged at a delay
                # TYPE ripple_probe_judged_total counter
                ripple_probe_judged_total{region="eqiad",target="purge/cache",within="0.1"} 12.0
                ripple_probe_consistent_within_ratio{region="eqiad",target="replica",within="1"} NaN
                ripple_probe_pending 3.0
                ripple_component_up{component="purger",region="esams"} 1.0
                """;

        assertThat(AlertReplay.parse(metrics, "ripple_probe_")).containsExactly(
                Map.entry("ripple_probe_judged_total{region=\"eqiad\",target=\"purge/cache\",within=\"0.1\"}", 12.0),
                Map.entry("ripple_probe_consistent_within_ratio{region=\"eqiad\",target=\"replica\",within=\"1\"}",
                        Double.NaN),
                Map.entry("ripple_probe_pending", 3.0));
    }
}
