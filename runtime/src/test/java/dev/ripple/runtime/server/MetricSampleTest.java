package dev.ripple.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSampleTest {
    private static final String SCRAPE = """
            # HELP ripple_probe_checks_total Checks by outcome
            # TYPE ripple_probe_checks_total counter
            ripple_probe_checks_total{outcome="consistent",region="eqiad"} 12.0
            ripple_probe_checks_total{outcome="stale",region="eqiad",} 3.0 1700000000000

            # a comment of its own
            ripple_http_slow_requests_total 0.0
            ripple_read_seconds_bucket{le="+Inf"} +Inf
            ripple_read_seconds{quantile="0.99"} NaN
            ripple_lag_records -1.5e3
            """;

    @Test
    void shouldReadEverySampleAndPassOverCommentsAndBlankLines() {
        List<MetricSample> samples = MetricSample.parseAll(SCRAPE);

        assertThat(samples).extracting(MetricSample::name).containsExactly("ripple_probe_checks_total",
                "ripple_probe_checks_total", "ripple_http_slow_requests_total", "ripple_read_seconds_bucket",
                "ripple_read_seconds", "ripple_lag_records");
        assertThat(samples.get(0).labels()).containsExactly(Map.entry("outcome", "consistent"),
                Map.entry("region", "eqiad"));
        assertThat(samples.get(1).value()).isEqualTo(3.0);
        assertThat(samples.get(2).labels()).isEmpty();
        assertThat(samples.get(5).value()).isEqualTo(-1500.0);
    }

    @Test
    void shouldReadInfinityAndNaNAsValuesAndLabels() {
        List<MetricSample> samples = MetricSample.parseAll(SCRAPE);

        assertThat(samples.get(3).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(3).labels()).containsEntry("le", "+Inf");
        assertThat(samples.get(4).value()).isNaN();
        assertThat(MetricSample.parse("x -Inf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldUnescapeLabelValuesAndWriteThemBackEscaped() {
        String line = "ripple_read_total{key=\"a \\\"quoted\\\" \\\\ back, brace} and\\nline\",region=\"eqiad\"} 1";

        MetricSample sample = MetricSample.parse(line);

        assertThat(sample.labels()).containsEntry("key", "a \"quoted\" \\ back, brace} and\nline")
                .containsEntry("region", "eqiad");
        assertThat(sample.series()).isEqualTo(line.substring(0, line.length() - 2));
        assertThat(MetricSample.parse(sample.series() + " 1")).isEqualTo(sample);
        assertThat(MetricSample.parse("x{ a = \"1\" ,\tb=\"2\" , } 1").labels()).containsExactly(Map.entry("a", "1"),
                Map.entry("b", "2"));
    }

    @Test
    void shouldSumTheSamplesOfANameWhoseLabelsMatch() {
        List<MetricSample> samples = MetricSample.parseAll(SCRAPE);

        assertThat(MetricSample.sum(samples, "ripple_probe_checks_total", Map.of())).isEqualTo(15.0);
        assertThat(MetricSample.sum(samples, "ripple_probe_checks_total", Map.of("outcome", "stale"))).isEqualTo(3.0);
        assertThat(MetricSample.sum(samples, "ripple_none", Map.of())).isZero();
    }

    @Test
    void shouldMapTheSeriesOfAPrefixToTheirValues() {
        assertThat(MetricSample.seriesOf(SCRAPE, "ripple_probe_")).containsExactly(
                Map.entry("ripple_probe_checks_total{outcome=\"consistent\",region=\"eqiad\"}", 12.0),
                Map.entry("ripple_probe_checks_total{outcome=\"stale\",region=\"eqiad\"}", 3.0));
    }

    @Test
    void shouldRefuseAMalformedLineNamingIt() {
        assertThatThrownBy(() -> MetricSample.parseAll("# HELP x y\nx{a=\"1\"} 1\nx{a=\"unterminated} 2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> MetricSample.parse("x{a=\"1\"}2")).hasMessageContaining("value");
        assertThatThrownBy(() -> MetricSample.parse("x 1 2 3")).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> MetricSample.parse("x{a=\"1\" b=\"2\"} 1")).hasMessageContaining("','");
        assertThatThrownBy(() -> MetricSample.parse("x{a=\"\\t\"} 1")).hasMessageContaining("escape");
        assertThatThrownBy(() -> MetricSample.parse("x one")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> MetricSample.parse("{a=\"1\"} 1")).hasMessageContaining("metric name");
    }
}
