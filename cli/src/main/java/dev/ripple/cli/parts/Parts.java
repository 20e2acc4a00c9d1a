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
import java.util.ArrayList;
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

    /**
     * Each applier twice: {@code replica}, whether it runs, and {@code replica-store}, whether every partition of its
     * store serves (none lost and being rebuilt, DESIGN.md 7.1). The second has an alert of its own
     * ({@code RippleRegionRebuilding}): a rebuild ends by itself, and restarting the process would not help.
     */
    public static List<Part> replicas(List<ReplicaApplier> appliers) {
        List<Part> parts = new ArrayList<>();
        for (ReplicaApplier applier : appliers) {
            parts.add(Part.ofState("replica", applier.region(), applier::state, applier::failure));
            parts.add(new Part("replica-store", applier.region(), () -> {
                Set<Integer> rebuilding = applier.position().rebuilding();
                return rebuilding.isEmpty() ? Optional.empty() : Optional.of("the replica store lost the data of "
                        + "partitions " + rebuilding + "; they are being rebuilt and their reads are refused until "
                        + "then");
            }));
        }
        return parts;
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
