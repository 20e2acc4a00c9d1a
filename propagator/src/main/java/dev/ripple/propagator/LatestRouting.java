package dev.ripple.propagator;

import dev.ripple.consistency.Position;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.Trace;
import dev.ripple.runtime.latest.LatestEntry;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the rules in force make of a key's latest state for one region: the replication record a region rebuild or
 * {@code ripple replay} sends, routed as the propagator routes (DESIGN.md 4, 9), so a rule fixed or a region added
 * since the write applies too. The record keeps the write's source position, so the applier's version gate makes
 * it a no-op where the region already holds that dot or a newer one; it carries no dependencies (the write it
 * copies was acknowledged long ago). Thread-safe.
 */
public final class LatestRouting {
    private final RuleSet rules;
    private final Clock clock;
    private final LongAdder templateFailures = new LongAdder();

    /**
     * @param rules the rule set in force
     * @param clock stamps each record's propagation time
     */
    public LatestRouting(RuleSet rules, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The replication record for {@code region} of {@code entry}, or empty if the rules do not replicate it there
     * (or a matching rule's purge template fails on it, which {@link #templateFailures()} counts).
     */
    public Optional<ReplicationRecord> route(String region, LatestEntry entry) {
        Routing routing;
        try {
            routing = rules.route(entry.event(), entry.stream());
        } catch (TemplateException e) {
            templateFailures.increment();
            return Optional.empty();
        }
        RuleRef rule = routing.replicate().get(region);
        if (rule == null) {
            return Optional.empty();
        }
        return Optional.of(new ReplicationRecord(entry.event(), entry.source(), Position.empty(rules.epoch()), rule,
                new Trace(entry.source().dt(), clock.instant())));
    }

    /** The rule set it routes with. */
    public RuleSet rules() {
        return rules;
    }

    /** Entries not routed because a matching rule's template failed on them (the propagator dead-letters those). */
    public long templateFailures() {
        return templateFailures.sum();
    }
}
