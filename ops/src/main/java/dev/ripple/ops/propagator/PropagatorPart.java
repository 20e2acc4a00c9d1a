package dev.ripple.ops.propagator;

import dev.ripple.config.ConfigView;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;

/**
 * The propagator as a part of {@code ripple up}: default settings (application {@code ripple-propagator}, 6
 * partitions, a temporary state directory) on the in-process broker, following the config view that
 * {@code ripple up} holds. The caller tracks the returned propagator so that it is closed before Kafka and the
 * view.
 */
public final class PropagatorPart {
    private PropagatorPart() {}

    /**
     * Starts the propagator; it reaches {@link State#RUNNING} shortly after this returns.
     *
     * @throws dev.ripple.propagator.PropagatorException if the config's rules do not compile or topics cannot
     *     be made; nothing is left running
     */
    public static Propagator start(String bootstrapServers, ConfigView view, Clock clock) {
        return start(bootstrapServers, java.util.Map.of(), view, clock);
    }

    /**
     * As above, with further Streams, producer or consumer properties ({@link PropagatorConfig#kafkaOverrides()}),
     * e.g. {@code commit.interval.ms}.
     */
    public static Propagator start(String bootstrapServers, java.util.Map<String, String> kafkaOverrides,
            ConfigView view, Clock clock) {
        Propagator propagator = Propagator.create(PropagatorConfig.defaults(bootstrapServers)
                .withKafkaOverrides(kafkaOverrides), view, clock);
        propagator.start();
        return propagator;
    }

    /**
     * Waits until the propagator has joined its group and runs, so that the first event published after
     * {@code ripple up} says "ready" is routed at once.
     *
     * @throws IllegalStateException if it failed, or does not run within {@code timeout}
     */
    public static void awaitRunning(Propagator propagator, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (propagator.state() != State.RUNNING) {
            if (propagator.state() == State.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("The propagator did not start (state " + propagator.state() + ")"
                        + propagator.failure().map(e -> ": " + e.getMessage()).orElse(""));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    /** One line for ripple up's list of parts. */
    public static String describe(Propagator propagator) {
        return "rule set version " + propagator.ruleSet().version() + ", rules " + propagator.ruleSet().ruleNames()
                + ", regions " + propagator.ruleSet().regions();
    }
}
