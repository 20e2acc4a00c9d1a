package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.PurgerLimits;
import dev.ripple.runtime.http.BreakerState;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every purger meter says what it measures (Prometheus HELP), also those that appear only once something happens. */
class PurgerMetricsTest {
    @Test
    void shouldDescribeEveryMeterAndKeepUnitsOutOfLabelValues() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PurgerMetrics metrics = new PurgerMetrics("eqiad");
        metrics.bindTo(registry);

        // when every meter the purger has is registered
        metrics.gauges(() -> 1, () -> 2, () -> 3, () -> 4);
        metrics.limits(PurgerLimits.defaults());
        metrics.breaker("cdn", BreakerState.CLOSED);
        metrics.breakerChanged("cdn", BreakerState.CLOSED, BreakerState.OPEN);
        metrics.record("purge");
        metrics.purged(Duration.ofMillis(5), Duration.ofMillis(50));
        metrics.deadLettered();
        metrics.coalesced();
        metrics.targetCall("cdn", "success");
        metrics.targetWait("cdn", "breaker_open");
        metrics.httpRequest("cdn", "edge", 204);
        metrics.keysRemoved("redis").increment();
        metrics.positionPublished();
        metrics.limitHit("max_in_flight");

        // then each one has a description of its own, not its name
        List<Meter.Id> undescribed = registry.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getDescription() == null || id.getDescription().isBlank()
                        || id.getDescription().equals(id.getName()))
                .toList();
        assertThat(registry.getMeters()).hasSizeGreaterThanOrEqualTo(18);
        assertThat(undescribed).isEmpty();
        // and the coalescing window is in seconds, named without its unit
        assertThat(registry.find("ripple.purger.limit").tag("limit", "coalesce_window").gauge().getId()
                .getBaseUnit()).isEqualTo("seconds");
        assertThat(registry.find("ripple.purger.limit").tag("limit", "coalesce_window_ms").gauge()).isNull();
    }
}
