package dev.ripple.propagator.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ripple.events.RootEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fan-out in progress, the value of store {@code deps-fanouts} keyed by the dependency: where its walk of the
 * index stands, so that it goes on after a restart exactly where the last commit left it.
 *
 * @param dependency the key that changed
 * @param stream its stream (whose rate and batch apply)
 * @param changedParts the parts that changed; null for all
 * @param root the edit that started the chain
 * @param triggeredBy the {@code meta.id} of the edit of {@code dependency}
 * @param depth the depth of the derived events
 * @param after the last dependent walked; null before the first
 * @param walked index entries walked so far
 * @param total the dependency's entries when the fan-out started (for the backlog)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Fanout(String dependency, String stream, @JsonProperty("changed_parts") List<String> changedParts,
        RootEvent root, @JsonProperty("triggered_by") String triggeredBy, int depth, String after, long walked,
        long total) {

    /** Dependents still to walk, by the count the index had. */
    long remaining() {
        return Math.max(0, total - walked);
    }

    /** This fan-out, moved on past {@code dependent}, {@code steps} entries later. */
    Fanout advancedTo(String dependent, long steps) {
        return new Fanout(dependency, stream, changedParts, root, triggeredBy, depth, dependent, walked + steps,
                total);
    }

    /**
     * This fan-out widened by another edit of its dependency: the union of the changed parts, walked again from the
     * start (the dependents walked already must learn of the new change too; their coalescing windows merge the
     * two), with the newer edit's lineage.
     */
    Fanout widenedBy(Fanout newer) {
        List<String> parts = null;
        if (changedParts != null && newer.changedParts != null) {
            Set<String> union = new HashSet<>(changedParts);
            union.addAll(newer.changedParts);
            parts = List.copyOf(union);
        }
        return new Fanout(dependency, newer.stream, parts, newer.root, newer.triggeredBy,
                Math.min(depth, newer.depth), null, 0, newer.total);
    }
}
