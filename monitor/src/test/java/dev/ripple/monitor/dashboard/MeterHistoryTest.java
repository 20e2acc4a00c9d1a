package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ripple.monitor.MonitorMetricNames;
import dev.ripple.runtime.server.Metrics;
import dev.ripple.testsupport.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's history over the process's real registry ({@link Metrics}), on a clock the test moves. */
class MeterHistoryTest {
    private static final Duration EVERY = Duration.ofSeconds(5);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final MeterRegistry registry = Metrics.create().registry();
    private final Counter published = Counter.builder(DashboardSources.INTAKE_PUBLISHED).register(registry);
    private final Timer applied = Timer.builder(DashboardSources.APPLIED_END_TO_END).tag("region", "eqiad")
            .register(registry);

    private MeterHistory history(Duration retention) {
        return new MeterHistory(DashboardConfig.of(EVERY, retention), registry, clock);
    }

    /** Samples every 5 s for {@code length}, counting {@code perSecond} publishes a second. */
    private void run(MeterHistory history, Duration length, double perSecond) {
        for (long s = 0; s < length.toSeconds(); s += EVERY.toSeconds()) {
            clock.advance(EVERY);
            published.increment(perSecond * EVERY.toSeconds());
            history.sample();
        }
    }

    @Test
    void shouldGiveEachWindowTheRateOfItsOwnSpanOfTime() {
        // given 10 minutes at 2 events/s, then 1 minute at 10/s
        MeterHistory history = history(Duration.ofHours(1));
        history.sample();
        run(history, Duration.ofMinutes(10), 2);
        run(history, Duration.ofMinutes(1), 10);

        // then the last minute reads 10/s, the last 5 minutes (4 at 2/s, 1 at 10/s) 3.6/s
        assertThat(history.window(Duration.ofMinutes(1)).rate(MeterHistory.PUBLISHED, MeterSample.NO_REGION)).isCloseTo(10, within(1e-9));
        assertThat(history.window(Duration.ofMinutes(5)).rate(MeterHistory.PUBLISHED, MeterSample.NO_REGION)).isCloseTo(3.6, within(1e-9));
        assertThat(history.window(Duration.ofMinutes(1)).covered()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldGiveLatencyPercentilesOfWhatHappenedInTheWindowNotSinceStart() {
        // given 100 applies at 10 ms, 10 minutes later 100 at 500 ms
        MeterHistory history = history(Duration.ofHours(1));
        history.sample();
        record(100, Duration.ofMillis(10));
        run(history, Duration.ofMinutes(10), 0);
        record(100, Duration.ofMillis(500));
        run(history, Duration.ofMinutes(1), 0);

        // then the last minute sees only the slow ones, the last 15 minutes both (as histogram_quantile would, within
        // the histogram's bucket around the value)
        Map<String, Object> minute = history.window(Duration.ofMinutes(1)).latency(MeterHistory.APPLIED, "eqiad");
        assertThat(minute.get("count")).isEqualTo(100L);
        assertThat((Double) minute.get("p50_ms")).isBetween(447.0, 537.0);
        Map<String, Object> quarter = history.window(Duration.ofMinutes(15)).latency(MeterHistory.APPLIED, "eqiad");
        assertThat(quarter.get("count")).isEqualTo(200L);
        assertThat((Double) quarter.get("p50_ms")).isBetween(9.0, 11.2);
        assertThat((Double) quarter.get("p99_ms")).isBetween(447.0, 537.0);
        // and a region without a timer has no latency at all, one idle in the window a count of 0
        assertThat(history.window(Duration.ofMinutes(1)).latency(MeterHistory.APPLIED, "codfw")).isNull();
        run(history, Duration.ofMinutes(2), 0);
        assertThat(history.window(Duration.ofMinutes(1)).latency(MeterHistory.APPLIED, "eqiad"))
                .containsEntry("count", 0L).containsEntry("p99_ms", null);
    }

    @Test
    void shouldKeepOnlyTheRetentionAndSayHowMuchAWindowCovers() {
        // given a minute's retention and three minutes of samples
        MeterHistory history = history(Duration.ofMinutes(1));
        history.sample();
        run(history, Duration.ofMinutes(3), 1);

        // then it holds 13 samples (a minute of them and the one that starts it), as its gauge says
        assertThat(history.size()).isEqualTo(13);
        assertThat(registry.get(MonitorMetricNames.DASHBOARD_SAMPLES).gauge().value()).isEqualTo(13);
        assertThat(history.window(Duration.ofMinutes(1)).covered()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldCoverWhatItHasWhileTheHistoryIsYoungerThanTheWindow() {
        MeterHistory history = history(Duration.ofHours(1));

        // no rate from a single sample
        history.sample();
        assertThat(history.window(Duration.ofHours(1)).rate(MeterHistory.PUBLISHED, MeterSample.NO_REGION)).isNull();

        run(history, Duration.ofMinutes(2), 4);
        HistoryWindow hour = history.window(Duration.ofHours(1));
        assertThat(hour.covered()).isEqualTo(Duration.ofMinutes(2));
        assertThat(hour.rate(MeterHistory.PUBLISHED, MeterSample.NO_REGION)).isCloseTo(4, within(1e-9));
        // and a measure nothing registered has no rate, rather than 0
        assertThat(hour.rate(MeterHistory.PURGED, "eqiad")).isNull();
    }

    @Test
    void shouldChartAnHourInAtMostSixtyStepsThatStayPutAsTheWindowSlides() {
        MeterHistory history = history(Duration.ofHours(1));
        history.sample();
        run(history, Duration.ofMinutes(70), 3);

        HistoryWindow hour = history.window(Duration.ofHours(1));
        assertThat(hour.step()).isEqualTo(Duration.ofMinutes(1));
        assertThat(hour.times()).hasSizeBetween(59, 61);
        assertThat(hour.rates(MeterHistory.PUBLISHED, MeterSample.NO_REGION)).hasSameSizeAs(hour.times())
                .allSatisfy(r -> assertThat(r).isCloseTo(3, within(1e-9)));
        run(history, EVERY, 3);
        assertThat(history.window(Duration.ofHours(1)).times()).containsAll(hour.times().subList(1,
                hour.times().size() - 1));
        // a minute's chart has a point per sample
        assertThat(history.window(Duration.ofMinutes(1)).times()).hasSize(12);
    }

    private void record(int times, Duration each) {
        for (int i = 0; i < times; i++) {
            applied.record(each);
        }
    }
}
