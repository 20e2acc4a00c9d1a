package dev.ripple.cli.wiring;

import dev.ripple.cli.parts.Parts;
import dev.ripple.propagator.DependencyRoutes;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.runtime.server.Readiness;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The propagator as a part, following the context's config. It reaches {@link State#RUNNING} shortly
 * after {@link #start} returns ({@link #awaitRunning}); once {@code FAILED} it is {@link #fatal()}: it resumes
 * exactly once only when its process restarts.
 */
public final class PropagatorPart implements Part {
    private final Propagator propagator;

    private PropagatorPart(Propagator propagator) {
        this.propagator = propagator;
    }

    /**
     * The propagator's settings: the defaults on the context's servers and topics, changed by {@code settings},
     * with the context's Kafka properties ({@link PropagatorConfig#kafkaOverrides()}) over any that
     * {@code settings} gave.
     *
     * @throws IllegalArgumentException from a {@code with…} method given an invalid value
     */
    public static PropagatorConfig config(KafkaSettings kafka, dev.ripple.events.TopicNames topics,
            UnaryOperator<PropagatorConfig> settings) {
        PropagatorConfig config = settings.apply(PropagatorConfig.defaults(kafka.bootstrapServers())
                .withTopics(topics));
        Map<String, String> overrides = new HashMap<>(config.kafkaOverrides());
        overrides.putAll(kafka.stringProperties());
        return config.withKafkaOverrides(overrides);
    }

    /**
     * Starts the propagator with {@link #config} and binds its meters.
     *
     * @throws dev.ripple.propagator.PropagatorException if the rules do not compile or topics cannot be made;
     *     nothing is left running
     */
    public static PropagatorPart start(PartContext context, UnaryOperator<PropagatorConfig> settings) {
        Propagator propagator = Propagator.create(config(context.kafka(), context.topics(), settings),
                context.requireConfig("propagator"), context.clock());
        try {
            context.metrics().bind(propagator.metrics());
            propagator.start();
        } catch (RuntimeException e) {
            propagator.close();
            throw e;
        }
        return new PropagatorPart(propagator);
    }

    public Propagator propagator() {
        return propagator;
    }

    /**
     * Waits until the propagator has joined its group and runs, so that the first event published after the
     * process says "ready" is routed at once.
     *
     * @throws IllegalStateException if it failed, or does not run within {@code timeout}
     */
    public void awaitRunning(Duration timeout) {
        awaitRunning(propagator, timeout);
    }

    /** As {@link #awaitRunning(Duration)}, for a propagator started otherwise (tests). */
    public static void awaitRunning(Propagator propagator, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (propagator.state() != State.RUNNING) {
            if (propagator.state() == State.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("The propagator did not start (state " + propagator.state() + ")"
                        + propagator.failure().map(e -> ": " + e.getMessage()).orElse(""));
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    @Override
    public List<Readiness.Part> readiness() {
        return List.of(Parts.propagator(propagator));
    }

    /** {@code /api/deps}: the fan-out backlog, and a key's dependencies ({@link DependencyRoutes}). */
    @Override
    public List<Consumer<JavalinConfig>> routes() {
        return List.of(config -> DependencyRoutes.install(config, propagator));
    }

    @Override
    public Optional<String> fatal() {
        if (propagator.state() != State.FAILED) {
            return Optional.empty();
        }
        return Optional.of("the propagator stopped: " + propagator.failure().map(Throwable::toString)
                .orElse("unknown cause") + ". Its log has the details; restart it when the cause is fixed (it "
                + "resumes where it stopped, exactly once).");
    }

    /** Rule set version, rules and regions. */
    @Override
    public String summary() {
        return "rule set version " + propagator.ruleSet().version() + ", rules " + propagator.ruleSet().ruleNames()
                + ", regions " + propagator.ruleSet().regions();
    }

    @Override
    public void close() {
        propagator.close();
    }

    @Override
    public String toString() {
        return "propagator";
    }
}
