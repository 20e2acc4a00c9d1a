package dev.ripple.propagator;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set in force, swapped atomically: the topology reads {@link #current()} once per event, so each event
 * is evaluated against exactly one version, and a swap takes effect from the next event on without a restart.
 * Thread-safe.
 */
public final class ActiveRuleSet {
    private final AtomicReference<RuleSet> current;

    private ActiveRuleSet(RuleSet initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public static ActiveRuleSet of(RuleSet initial) {
        return new ActiveRuleSet(initial);
    }

    /** The rule set in force; never null. */
    public RuleSet current() {
        return current.get();
    }

    /**
     * Puts {@code next} in force.
     *
     * @return the rule set it replaced
     */
    public RuleSet swap(RuleSet next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
