package dev.ripple.prober;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What the prober has judged, as {@code GET /api/probe} answers and {@code ripple probe report} prints.
 *
 * @param sampleRatio the share of keys followed
 * @param ladderSeconds the delays judged, in seconds
 * @param windowSeconds the span of each row's recent counts
 * @param samples writes sampled since the prober started
 * @param pending checks waiting for their time
 * @param skipped samples or checks left out since start, by reason
 * @param rows one per region, target and delay
 */
public record ProbeReport(@JsonProperty("sample_ratio") double sampleRatio,
        @JsonProperty("ladder_s") List<Double> ladderSeconds, @JsonProperty("window_s") long windowSeconds,
        long samples, long pending, Map<String, Long> skipped, List<Row> rows) {
    public ProbeReport {
        ladderSeconds = List.copyOf(ladderSeconds);
        skipped = Map.copyOf(skipped);
        rows = List.copyOf(rows);
    }

    /**
     * One (region, target, delay).
     *
     * @param judged pairs judged since the prober started
     * @param consistent of those, served within the delay
     * @param recentJudged judged within the window
     * @param recentConsistent of those, served within the delay
     */
    @JsonIgnoreProperties(value = {"ratio", "nines", "nines_at_least"}, allowGetters = true)
    public record Row(String region, String target, @JsonProperty("within_s") double withinSeconds, long judged,
            long consistent, @JsonProperty("recent_judged") long recentJudged,
            @JsonProperty("recent_consistent") long recentConsistent) {

        /** recent consistent / recent judged; null when nothing was judged in the window. */
        @JsonProperty("ratio")
        public Double ratio() {
            return recentJudged == 0 ? null : (double) recentConsistent / recentJudged;
        }

        /**
         * The nines of {@link #ratio()}, {@code -log10(1 - ratio)}; when every judged pair was consistent, the most
         * that many pairs can show, {@code log10(judged)} (see {@link #ninesAtLeast()}); null when none was judged.
         */
        @JsonProperty("nines")
        public Double nines() {
            if (recentJudged == 0) {
                return null;
            }
            if (recentConsistent == recentJudged) {
                return Math.log10(recentJudged);
            }
            return -Math.log10(1 - (double) recentConsistent / recentJudged);
        }

        /** Whether {@link #nines()} is a lower bound: every pair judged in the window was consistent. */
        @JsonProperty("nines_at_least")
        public boolean ninesAtLeast() {
            return recentJudged > 0 && recentConsistent == recentJudged;
        }
    }
}
