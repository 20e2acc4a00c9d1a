package dev.ripple.cli.parts;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.config.ConfigView;
import dev.ripple.conittracker.ConitTracker;
import dev.ripple.monitor.lag.LagMonitor;
import dev.ripple.producer.Intake;
import dev.ripple.propagator.Propagator;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.runtime.server.Readiness;
import dev.ripple.runtime.server.Readiness.Part;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@link Readiness} part of each Ripple component, named once for every command that runs it. */
public final class Parts {
    private Parts() {}

    public static Part config(ConfigView view) {
        return Part.ofState("config", Readiness.NO_REGION, () -> view.isOpen() ? State.RUNNING : State.STOPPED,
                Optional::empty);
    }

    public static Part intake(Intake intake) {
        return new Part("intake", Readiness.NO_REGION, intake::unavailable);
    }

    public static Part propagator(Propagator propagator) {
        return Part.ofState("propagator", Readiness.NO_REGION, propagator::state, propagator::failure);
    }

    /** Each applier: running, and every partition of its store serving (not lost and being rebuilt). */
    public static List<Part> replicas(List<ReplicaApplier> appliers) {
        return appliers.stream().map(a -> {
            Part state = Part.ofState("replica", a.region(), a::state, a::failure);
            return new Part("replica", a.region(), () -> state.problem().get().or(() -> {
                Set<Integer> rebuilding = a.position().rebuilding();
                return rebuilding.isEmpty() ? Optional.empty() : Optional.of("the replica store lost the data of "
                        + "partitions " + rebuilding + "; they are being rebuilt and their reads are refused until "
                        + "then");
            }));
        }).toList();
    }

    public static Part purger(CachePurger purger) {
        return Part.ofState("purger", purger.region(), purger::state, purger::failure);
    }

    public static Part conits(ConitTracker tracker) {
        Part state = Part.ofState("conits", Readiness.NO_REGION, tracker::state, tracker::failure);
        return new Part("conits", Readiness.NO_REGION, () -> state.problem().get().or(() -> tracker.caughtUp()
                ? Optional.empty()
                : Optional.of("catching up with the source streams: no conit status yet (gate-reads conits refuse "
                        + "reads until the first)")));
    }

    public static Part lag(LagMonitor lag) {
        return Part.ofState("lag-monitor", Readiness.NO_REGION, lag::state, Optional::empty);
    }
}
