package dev.ripple.propagator;

import dev.ripple.events.RuleRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one event goes under one rule-set version.
 *
 * @param replicate the regions to replicate to, each with the first rule (by name) that sends it there; sorted
 * @param purges one plan per matching rule that purges, in rule-name order
 * @param conits the conits whose keys include the event's key, by name
 */
public record Routing(Map<String, RuleRef> replicate, List<PurgePlan> purges, List<String> conits) {
    public Routing {
        replicate = Collections.unmodifiableSortedMap(new TreeMap<>(replicate));
        purges = List.copyOf(purges);
        conits = List.copyOf(conits);
    }

    /** Whether no rule matched: the event only advances watermarks (and the conit log, if it has conits). */
    public boolean routesNowhere() {
        return replicate.isEmpty() && purges.isEmpty();
    }
}
