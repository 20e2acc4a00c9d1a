package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.PurgerMetricNames;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.runtime.http.GuardListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a target's guard does shows in the purger's metrics (the guard itself is tested in the runtime). */
class TargetGuardMetricsTest {

    @Test
    void shouldCountWaitsAndCallsAndPassBreakerTransitionsOn() {
        // given the listener the purger gives its targets' guards
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PurgerMetrics metrics = new PurgerMetrics("eqiad");
        metrics.bindTo(registry);
        List<String> transitions = new CopyOnWriteArrayList<>();
        GuardListener listener = TargetSet.listener(new TargetSet.Tools(null, Clock.systemUTC(), null, null, metrics,
                (target, from, to) -> transitions.add(target + " " + from + "->" + to)));

        // when a guard waits, calls and opens its breaker
        listener.waited("cdn", "breaker_open");
        listener.waited("cdn", "bulkhead_full");
        listener.called("cdn", "retried");
        listener.called("cdn", "rejected");
        listener.breakerChanged("cdn", BreakerState.CLOSED, BreakerState.OPEN);

        // then each is counted by target and reason or outcome, and the transition is passed on
        assertThat(registry.get(PurgerMetricNames.TARGET_WAITS).tag("reason", "breaker_open").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(PurgerMetricNames.TARGET_WAITS).tag("reason", "bulkhead_full").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(PurgerMetricNames.TARGET_CALLS).tag("outcome", "retried").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(PurgerMetricNames.TARGET_CALLS).tag("outcome", "rejected").counter().count())
                .isEqualTo(1);
        assertThat(transitions).containsExactly("cdn CLOSED->OPEN");
    }
}
