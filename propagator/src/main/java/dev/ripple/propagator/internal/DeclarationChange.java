package dev.ripple.propagator.internal;

import dev.ripple.events.Dependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new declaration of a resource changes in the dependency index, from the one held before: an edge removed
 * for each dependency it no longer uses, an edge (re)written for each it uses anew or with other parts, and nothing
 * for the rest. Entries of one dependency are merged (the union of their parts; all parts if any says all), and a
 * resource that says it uses itself is not indexed (its own edit is not a dependency's). Pure.
 *
 * @param edges the edges to send to the index, removals first
 * @param uses what the resource uses now, merged; empty when nothing
 */
record DeclarationChange(List<DepsMessage.Edge> edges, List<Dependency> uses) {
    /** Stands for "every part" in a map of parts, where null means "absent". */
    private static final List<String> EVERY_PART = List.of("\u0000every part");

    static DeclarationChange of(String dependent, String stream, Declaration before, List<Dependency> declared) {
        Map<String, List<String>> now = new LinkedHashMap<>();
        for (Dependency use : declared) {
            if (!use.key().equals(dependent)) {
                now.merge(use.key(), partsOf(use), DeclarationChange::union);
            }
        }
        Map<String, List<String>> then = new HashMap<>();
        if (before != null) {
            before.uses().forEach(use -> then.put(use.key(), partsOf(use)));
        }
        List<DepsMessage.Edge> edges = new ArrayList<>();
        for (String dependency : then.keySet()) {
            if (!now.containsKey(dependency)) {
                edges.add(new DepsMessage.Edge(dependency, dependent, stream, null, true));
            }
        }
        List<Dependency> uses = new ArrayList<>(now.size());
        now.forEach((dependency, parts) -> {
            List<String> declaredParts = parts == EVERY_PART ? null : parts;
            uses.add(new Dependency(dependency, declaredParts));
            if (!parts.equals(then.get(dependency))) {
                edges.add(new DepsMessage.Edge(dependency, dependent, stream, declaredParts, false));
            }
        });
        return new DeclarationChange(List.copyOf(edges), List.copyOf(uses));
    }

    private static List<String> partsOf(Dependency use) {
        return use.parts() == null ? EVERY_PART : use.parts();
    }

    private static List<String> union(List<String> a, List<String> b) {
        if (a == EVERY_PART || b == EVERY_PART) {
            return EVERY_PART;
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
