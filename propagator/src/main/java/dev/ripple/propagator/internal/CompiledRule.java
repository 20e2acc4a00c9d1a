package dev.ripple.propagator.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.events.RuleRef;
import dev.ripple.propagator.PurgePlan;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One rule, compiled: predicates over event fields and purge templates. Immutable and thread-safe.
 *
 * @param name the rule's name
 * @param streams the streams it applies to; contains {@code *} for all
 * @param match conditions that must all hold
 * @param matchNot conditions none of which may hold
 * @param replicateRegions regions it replicates to ({@code *} for all); empty when it does not replicate
 * @param purgeKeys key templates
 * @param purgeUrls URL templates
 * @param purgeTags tag templates
 * @param coalesceMs the purge coalescing window in ms
 */
public record CompiledRule(String name, Set<String> streams, List<FieldCondition> match,
        List<FieldCondition> matchNot, Set<String> replicateRegions, List<Template> purgeKeys,
        List<Template> purgeUrls, List<Template> purgeTags, long coalesceMs) {

    public CompiledRule {
        Objects.requireNonNull(name, "name");
        streams = Set.copyOf(streams);
        match = List.copyOf(match);
        matchNot = List.copyOf(matchNot);
        replicateRegions = Set.copyOf(replicateRegions);
        purgeKeys = List.copyOf(purgeKeys);
        purgeUrls = List.copyOf(purgeUrls);
        purgeTags = List.copyOf(purgeTags);
    }

    /** The named groups captured by the match, or null when the rule does not apply to this event. */
    public Map<String, String> match(EditEvent event, String stream) {
        if (!streams.contains("*") && !streams.contains(stream)) {
            return null;
        }
        Map<String, String> captures = new HashMap<>();
        for (FieldCondition condition : match) {
            if (!condition.test(event, captures)) {
                return null;
            }
        }
        for (FieldCondition condition : matchNot) {
            if (condition.test(event, null)) {
                return null;
            }
        }
        return captures;
    }

    /** Whether it replicates to {@code region}. */
    public boolean replicatesTo(String region) {
        return replicateRegions.contains("*") || replicateRegions.contains(region);
    }

    public boolean purges() {
        return !purgeKeys.isEmpty() || !purgeUrls.isEmpty() || !purgeTags.isEmpty();
    }

    /**
     * The rule's purge for a matched event.
     *
     * @throws dev.ripple.propagator.TemplateException if a placeholder has no value
     */
    public PurgePlan purge(EditEvent event, Map<String, String> captures, RuleRef ref) {
        return new PurgePlan(ref, expand(purgeKeys, event, captures), expand(purgeUrls, event, captures),
                expand(purgeTags, event, captures), coalesceMs);
    }

    private static List<String> expand(List<Template> templates, EditEvent event, Map<String, String> captures) {
        if (templates.isEmpty()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (Template template : templates) {
            values.add(template.expand(event, captures));
        }
        return List.copyOf(values);
    }
}
