package dev.ripple.propagator.internal;

import dev.ripple.config.RulePattern;
import dev.ripple.events.EditEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One compiled condition on one event field: a regex (RE2 syntax, linear time, find semantics; its named groups
 * are captured for templates) or a set of literal values. A field with several values ({@code tags}) holds when
 * any value does; an absent field never holds. Immutable.
 */
final class FieldCondition {
    private final String field;
    private final RulePattern regex;
    private final Set<String> oneOf;
    private final List<String> groupNames;

    /** @param regex the pattern, or null; @param oneOf the accepted values, or null; exactly one is given */
    FieldCondition(String field, RulePattern regex, Set<String> oneOf) {
        this.field = Objects.requireNonNull(field, "field");
        if ((regex == null) == (oneOf == null)) {
            throw new IllegalArgumentException("A condition on " + field + " needs exactly one of regex and oneOf");
        }
        this.regex = regex;
        this.oneOf = oneOf == null ? null : Set.copyOf(oneOf);
        this.groupNames = regex == null ? List.of() : regex.groupNames();
    }

    String field() {
        return field;
    }

    /** The named groups of the regex, in order; empty for a list of values. */
    List<String> groupNames() {
        return groupNames;
    }

    /** Whether the condition holds; if so, and {@code captures} is not null, adds the regex's named groups. */
    boolean test(EditEvent event, Map<String, String> captures) {
        for (String value : EventFields.values(event, field)) {
            if (oneOf != null) {
                if (oneOf.contains(value)) {
                    return true;
                }
                continue;
            }
            if (regex.find(value, captures)) {
                return true;
            }
        }
        return false;
    }
}
