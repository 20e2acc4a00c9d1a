package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.IntakeMetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every intake meter says what it measures (Prometheus HELP), and its limits carry units in names, not labels. */
class IntakeMetricsTest {
    @Test
    void shouldDescribeEveryMeterAndNameLimitsWithoutTheirUnit() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IntakeMetrics metrics = new IntakeMetrics(IntakeConfig.defaults());
        metrics.bindTo(registry);

        // when every meter the intake has is registered
        metrics.authFailed("bad-token");
        metrics.tokenHashed();
        metrics.acknowledged();
        metrics.hastyOutcome(null, new IllegalStateException("broker gone"));
        metrics.rateLimited(2);
        metrics.body(120);
        metrics.deduplicated();
        metrics.limitHit("max_body_bytes");

        // then each one has a description of its own, not its name
        List<Meter.Id> undescribed = registry.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getDescription() == null || id.getDescription().isBlank()
                        || id.getDescription().equals(id.getName()))
                .toList();
        assertThat(registry.getMeters()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(undescribed).isEmpty();
        // and max_body_bytes is the limit max_body, in bytes, for the gauge and for its hits alike
        assertThat(registry.find(IntakeMetricNames.LIMIT).tag("limit", "max_body").gauge().getId().getBaseUnit())
                .isEqualTo("bytes");
        assertThat(registry.find(IntakeMetricNames.LIMIT_HITS).tag("limit", "max_body").counter().count())
                .isEqualTo(1);
        assertThat(IntakeMetrics.label("publish_timeout")).isEqualTo("publish_timeout");
    }
}
