package dev.ripple.propagator;

import dev.ripple.config.ConfigView;
import dev.ripple.propagator.internal.StreamsPropagator;
import dev.ripple.runtime.lifecycle.Startable;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;
import java.util.Optional;

/**
 * The running propagator: it creates the topics it writes, owns the {@code KafkaStreams} that runs
 * {@link PropagatorTopology}, and follows the config — a change of rules, regions, streams or conits is compiled
 * and swapped in without a restart (an invalid one is refused and the rule set in force stays).
 *
 * <pre>
 * NEW ──start()──▶ STARTING ──(Streams running)──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 *                     │                                │                     ▲
 *                     └────(start fails, or Streams dies)──▶ FAILED ──close()──┘
 * </pre>
 *
 * <p>Thread-safe. {@link #close()} may be called from any state, from a shutdown hook too.
 */
public interface Propagator extends Startable {

    /**
     * A propagator that is not started yet.
     *
     * @param view the config to follow; the caller owns it and closes it after the propagator
     * @param clock for trace times and dead letters
     */
    static Propagator create(PropagatorConfig config, ConfigView view, Clock clock) {
        return new StreamsPropagator(config, view, clock);
    }

    /**
     * Compiles the config's rule set, checks and creates topics, and starts Streams; returns without waiting
     * for the first rebalance ({@link State#STARTING} until then).
     *
     * @throws InvalidRuleSetException if the config's rules do not compile (nothing started)
     * @throws PartitionMismatchException if a stream or region topic exists with another partition count
     * @throws PropagatorException if Kafka cannot be reached to check topics
     * @throws IllegalStateException if not {@link State#NEW}
     */
    void start();

    /** The lifecycle {@link State} now (the one vocabulary of {@code dev.ripple.runtime.lifecycle}). */
    State state();

    /** The rule set in force; before {@link #start()}, empty. */
    RuleSet ruleSet();

    /** Why the last config change was refused, or empty if the last change was taken (or none came). */
    Optional<PropagatorException> lastRefusal();

    /** What took the propagator to {@link State#FAILED}, if it is there. */
    Optional<Throwable> failure();

    /**
     * What this instance's stores hold of {@code key}'s dependencies (DESIGN.md 14), with a sample of at most
     * {@code sample} dependents; or the instance that owns the key's partition; or why none can say now.
     */
    DependencyLookup dependencies(String key, int sample);

    /** Its meters; bind them to a registry once. */
    PropagatorMetrics metrics();

    /** Stops following the config, closes Streams (committing) and its Kafka clients. Idempotent. */
    @Override
    void close();
}
