package dev.ripple.propagator.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ripple.events.RootEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fan-out in progress, the value of store {@code deps-fanouts} keyed by the dependency: where its walk of the
 * index stands, so that it goes on after a restart exactly where the last commit left it.
 *
 * <p>The walk is a pass over the dependency's entries in key order. Another edit of the dependency during a pass
 * does not start again from the first entry (a dependency edited faster than a pass takes would never finish): the
 * pass goes on from where it is, with the union of the changed parts and the newer lineage, and when it reaches the
 * last entry it wraps around to the first and stops after {@code wrapAt}, the entry it stood at when widened. So
 * every entry is walked once after the latest edit, none more than twice.
 *
 * @param dependency the key that changed
 * @param stream its stream (whose rate and batch apply)
 * @param changedParts the parts that changed; null for all
 * @param root the edit that started the chain
 * @param triggeredBy the {@code meta.id} of the latest edit of {@code dependency}
 * @param depth the depth of the derived events
 * @param after the last entry walked; null before the first (or just after wrapping around)
 * @param wrapAt the entry after which a wrapped pass stops; null when the pass ends at the last entry
 * @param wrapped whether the pass has wrapped around to the first entry
 * @param walked entries walked so far
 * @param total entries this pass walks in all, by the count the index had (for the backlog)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Fanout(String dependency, String stream, @JsonProperty("changed_parts") List<String> changedParts,
        RootEvent root, @JsonProperty("triggered_by") String triggeredBy, int depth, String after,
        @JsonProperty("wrap_at") String wrapAt, boolean wrapped, long walked, long total) {

    /** A pass over every entry of {@code dependency}, of which the index counts {@code dependents}. */
    static Fanout start(String dependency, String stream, List<String> changedParts, RootEvent root,
            String triggeredBy, int depth, long dependents) {
        return new Fanout(dependency, stream, changedParts, root, triggeredBy, depth, null, null, false, 0,
                dependents);
    }

    /** Dependents still to walk, by the count the index had. */
    long remaining() {
        return Math.max(0, total - walked);
    }

    /** This fan-out, moved on past {@code dependent}, {@code steps} entries later. */
    Fanout advancedTo(String dependent, long steps) {
        return new Fanout(dependency, stream, changedParts, root, triggeredBy, depth, dependent, wrapAt, wrapped,
                walked + steps, total);
    }

    /** This fan-out at the first entry again, to walk up to {@code wrapAt}. */
    Fanout wrappedAround() {
        return new Fanout(dependency, stream, changedParts, root, triggeredBy, depth, null, wrapAt, true, walked,
                total);
    }

    /**
     * This fan-out widened by another edit of its dependency ({@code newer}, counting {@code dependents}): the union
     * of the changed parts and the newer lineage, going on from where it stands for one whole pass from here.
     */
    Fanout widenedBy(Fanout newer, long dependents) {
        List<String> parts = null;
        if (changedParts != null && newer.changedParts != null) {
            Set<String> union = new LinkedHashSet<>(changedParts);
            union.addAll(newer.changedParts);
            parts = List.copyOf(union);
        }
        return new Fanout(dependency, newer.stream, parts, newer.root, newer.triggeredBy,
                Math.min(depth, newer.depth), after, after, false, walked, walked + dependents);
    }
}
