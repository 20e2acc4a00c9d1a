package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every propagator meter says what it measures (Prometheus HELP), including counters made when first counted. */
class PropagatorMetricsTest {
    @Test
    void shouldDescribeEveryMeterOfPropagatorMetricNames() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PropagatorMetrics metrics = new PropagatorMetrics();
        metrics.bindTo(registry);
        List<String> names = Arrays.stream(PropagatorMetricNames.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && !f.getName().startsWith("TAG_"))
                .map(PropagatorMetricsTest::value).toList();

        // when each counter is counted once (the gauges are there from binding)
        List<String> gauges = List.of(PropagatorMetricNames.RULE_SET_VERSION, PropagatorMetricNames.DEPS_BACKLOG,
                PropagatorMetricNames.DEPS_ACTIVE, PropagatorMetricNames.DEPS_DRAIN_SECONDS,
                PropagatorMetricNames.DEPS_PENDING, PropagatorMetricNames.DEPS_RATE, PropagatorMetricNames.DEPS_LANE_LAG);
        names.stream().filter(n -> !gauges.contains(n)).forEach(metrics::count);

        // then every name is a meter with a description of its own
        assertThat(registry.getMeters().stream().map(m -> m.getId().getName())).containsExactlyInAnyOrderElementsOf(
                names);
        assertThat(registry.getMeters().stream().map(Meter::getId).filter(id -> id.getDescription() == null
                || id.getDescription().isBlank() || id.getDescription().equals(id.getName()))).isEmpty();
    }

    @Test
    void shouldRefuseACounterItHasNoDescriptionFor() {
        assertThatThrownBy(() -> new PropagatorMetrics().count("ripple.propagator.made.up"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ripple.propagator.made.up");
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
