package dev.ripple.cli.archfixture;

import dev.ripple.config.ConfigView;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import java.time.Clock;

/** Breaks the one-wiring rule on purpose (a command that builds a service itself), for ArchitectureTest. */
public final class StartsAPropagatorByHand {
    private StartsAPropagatorByHand() {}

    static Propagator start(PropagatorConfig config, ConfigView view) {
        return Propagator.create(config, view, Clock.systemUTC());
    }
}
