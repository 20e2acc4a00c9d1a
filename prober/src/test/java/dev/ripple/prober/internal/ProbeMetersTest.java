package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ripple.prober.ProbeReport;
import dev.ripple.prober.ProberConfig;
import dev.ripple.prober.ProberMetricNames;
import dev.ripple.testsupport.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeMetersTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T00:00:00Z"));

    @Test
    void shouldNameDelaysInPlainSeconds() {
        assertThat(ProberConfig.DEFAULT_LADDER.stream().map(ProbeMeters::within)).containsExactly("0.1", "1", "10",
                "60");
        assertThat(ProbeMeters.within(Duration.ofMillis(1500))).isEqualTo("1.5");
    }

    @Test
    void shouldShowExpectedSeriesBeforeAnyJudgementAndSeriesCountedAfterBinding() {
        ProbeMeters meters = new ProbeMeters(ProberConfig.DEFAULT_LADDER, Duration.ofMinutes(10), clock, m -> 0, m -> 0);
        meters.expect("eqiad", "replica", Hop.OF_REPLICA);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);

        assertThat(registry.get(ProberMetricNames.JUDGED).tags("region", "eqiad", "target", "replica", "within", "60")
                .functionCounter().count()).isZero();
        assertThat(registry.get(ProberMetricNames.CONSISTENT_RATIO).tags("region", "eqiad", "within", "1").gauge()
                .value()).isNaN();

        meters.judge("codfw", "purge/cache", 1, false);
        meters.judge("codfw", "purge/cache", 1, true);
        assertThat(registry.get(ProberMetricNames.JUDGED).tags("region", "codfw", "target", "purge/cache", "within",
                "1").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get(ProberMetricNames.CONSISTENT_WITHIN).tags("region", "codfw", "within", "1")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get(ProberMetricNames.CONSISTENT_RATIO).tags("region", "codfw", "within", "1").gauge()
                .value()).isEqualTo(0.5);
    }

    @Test
    void shouldReportNinesAndSayWhenEveryJudgedWriteWasServed() {
        ProbeMeters meters = new ProbeMeters(ProberConfig.DEFAULT_LADDER, Duration.ofMinutes(10), clock, m -> 0, m -> 0);
        for (int i = 0; i < 1_000; i++) {
            meters.judge("eqiad", "replica", 1, i != 0);
            meters.judge("codfw", "replica", 1, true);
        }
        ProbeReport.Row eqiad = meters.rows().stream().filter(r -> r.region().equals("eqiad")).findFirst()
                .orElseThrow();
        assertThat(eqiad.nines()).isCloseTo(3.0, offset(1e-9));
        assertThat(eqiad.ninesAtLeast()).isFalse();
        ProbeReport.Row codfw = meters.rows().stream().filter(r -> r.region().equals("codfw")).findFirst()
                .orElseThrow();
        assertThat(codfw.ninesAtLeast()).isTrue();
        assertThat(codfw.nines()).isCloseTo(3.0, offset(1e-9));

        clock.advance(Duration.ofMinutes(11));
        assertThat(meters.rows()).allSatisfy(r -> {
            assertThat(r.nines()).isNull();
            assertThat(r.judged()).isEqualTo(1_000);
        });
    }
}
