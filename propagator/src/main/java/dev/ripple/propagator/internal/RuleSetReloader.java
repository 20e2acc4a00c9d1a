package dev.ripple.propagator.internal;

import dev.ripple.config.ConfigListener;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.propagator.ActiveRuleSet;
import dev.ripple.propagator.InvalidRuleSetException;
import dev.ripple.propagator.PartitionMismatchException;
import dev.ripple.propagator.PropagatorException;
import dev.ripple.propagator.PropagatorMetricNames;
import dev.ripple.propagator.PropagatorMetrics;
import dev.ripple.propagator.RuleSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows config changes: compiles the new rule set, creates the topics of regions and streams it adds, and only
 * then swaps it in, so no record is ever routed to a topic that does not exist. A rule set that does not compile,
 * or whose topics cannot be made, is refused: logged, counted, kept in {@link #lastRefusal()}, and the one in
 * force stays. A refusal because Kafka could not make the topics is retried every {@link #RETRY} seconds
 * until it succeeds or a newer config arrives; an invalid rule set, or one whose reload failed in a way not
 * foreseen (logged with its stack trace), waits for the next change. Work runs on one
 * thread of its own (the config watch thread must stay quick); bursts of changes collapse into one reload of the
 * latest snapshot.
 */
final class RuleSetReloader implements ConfigListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RuleSetReloader.class);
    static final long RETRY = 2;

    private final ActiveRuleSet active;
    private final TopicAdmin topics;
    private final PropagatorMetrics metrics;
    private final AtomicReference<ConfigSnapshot> pending = new AtomicReference<>();
    private final AtomicReference<PropagatorException> lastRefusal = new AtomicReference<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ripple-propagator-reload");
        thread.setDaemon(true);
        return thread;
    });

    RuleSetReloader(ActiveRuleSet active, TopicAdmin topics, PropagatorMetrics metrics) {
        this.active = active;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public void onChange(ConfigSnapshot previous, ConfigSnapshot current) {
        if (!affectsRouting(previous, current)) {
            return;
        }
        if (pending.getAndSet(current) == null) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        reload(pending.getAndSet(null));
    }

    /** Whether the propagator cares: streams, rules, regions, conits or the epoch changed. */
    static boolean affectsRouting(ConfigSnapshot a, ConfigSnapshot b) {
        return !a.streams().equals(b.streams()) || !a.rules().equals(b.rules()) || !a.regions().equals(b.regions())
                || !a.conits().equals(b.conits()) || !Objects.equals(a.epoch(), b.epoch());
    }

    private void reload(ConfigSnapshot snapshot) {
        RuleSet inForce = active.current();
        if (snapshot == null || snapshot.revision() <= inForce.version()) {
            return;
        }
        RuleSet next;
        try {
            next = RuleSet.compile(snapshot);
            topics.ensure(topics.topicsOf(snapshot));
        } catch (InvalidRuleSetException | PartitionMismatchException e) {
            refuse(snapshot, inForce, e, "");
            return;
        } catch (PropagatorException | KafkaException e) {
            refuse(snapshot, inForce, e instanceof PropagatorException p ? p : new PropagatorException(
                    "Topics of rule set version " + snapshot.revision() + " could not be made: " + e, e),
                    " (retrying in " + RETRY + " s)");
            if (pending.compareAndSet(null, snapshot)) { // unless a newer config is already waiting
                executor.schedule(this::drain, RETRY, TimeUnit.SECONDS);
            }
            return;
        } catch (RuntimeException e) {
            // a bug, or a config the checks before missed: refused as loudly, never lost in the executor
            refuseUnforeseen(snapshot, inForce, e);
            return;
        }
        active.swap(next);
        lastRefusal.set(null);
        metrics.ruleSetVersion(next.version());
        metrics.count(PropagatorMetricNames.RULE_SETS_APPLIED);
        log.info("Rule set version {} in force: rules {}, regions {}", next.version(), next.ruleNames(),
                next.regions());
    }

    private void refuse(ConfigSnapshot snapshot, RuleSet inForce, PropagatorException refusal, String next) {
        count(refusal);
        log.warn("Refused config revision {}; rule set version {} stays in force{}: {}", snapshot.revision(),
                inForce.version(), next, refusal.getMessage());
    }

    /** A refusal not foreseen (a bug): logged at error with its stack trace. */
    private void refuseUnforeseen(ConfigSnapshot snapshot, RuleSet inForce, RuntimeException e) {
        count(new PropagatorException("Config revision " + snapshot.revision() + " could not be applied: " + e, e));
        log.error("Refused config revision {}; rule set version {} stays in force", snapshot.revision(),
                inForce.version(), e);
    }

    private void count(PropagatorException refusal) {
        lastRefusal.set(refusal);
        metrics.count(PropagatorMetricNames.RULE_SETS_REFUSED);
    }

    Optional<PropagatorException> lastRefusal() {
        return Optional.ofNullable(lastRefusal.get());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
