package dev.ripple.monitor.lag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GaugeRowsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GaugeRows rows = new GaugeRows(MultiGauge.builder("ripple.test.lag").baseUnit("records")
            .description("test").register(registry));

    @Test
    void shouldExportTheLatestValueOfEachRowAndDropRowsThatAreGone() {
        rows.set(Map.of(Tags.of("partition", "0"), 5.0, Tags.of("partition", "1"), 7.0));
        rows.set(Map.of(Tags.of("partition", "0"), 2.0));

        String scrape = registry.scrape();

        assertThat(scrape).contains("ripple_test_lag_records{partition=\"0\"} 2.0")
                .doesNotContain("partition=\"1\"");
    }

    @Test
    void shouldScrapeEveryRowWhileRowsAreUpdatedNeitherMissingNorTwice() {
        rows.set(Map.of(Tags.of("partition", "0"), 0.0, Tags.of("partition", "1"), 0.0));
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5_000; i++) {
                rows.set(Map.of(Tags.of("partition", "0"), (double) i, Tags.of("partition", "1"), (double) i));
            }
            done.set(true);
        });
        int scrapes = 0;
        while (!done.get()) {
            assertThat(registry.scrape()).contains("ripple_test_lag_records{partition=\"0\"}");
            scrapes++;
        }
        sampler.join();

        assertThat(scrapes).isPositive();
        assertThat(registry.scrape()).contains("ripple_test_lag_records{partition=\"1\"} 4999.0");
    }
}
