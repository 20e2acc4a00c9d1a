package dev.ripple.propagator.internal;

import dev.ripple.events.EditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled condition on one event field: a regex (find semantics; its named groups are captured for
 * templates) or a set of literal values. A field with several values ({@code tags}) holds when any value does; an
 * absent field never holds. Immutable.
 */
final class FieldCondition {
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final String field;
    private final Pattern regex;
    private final Set<String> oneOf;
    private final List<String> groupNames;

    /** @param regex the pattern, or null; @param oneOf the accepted values, or null; exactly one is given */
    FieldCondition(String field, Pattern regex, Set<String> oneOf) {
        this.field = Objects.requireNonNull(field, "field");
        if ((regex == null) == (oneOf == null)) {
            throw new IllegalArgumentException("A condition on " + field + " needs exactly one of regex and oneOf");
        }
        this.regex = regex;
        this.oneOf = oneOf == null ? null : Set.copyOf(oneOf);
        List<String> names = new ArrayList<>();
        if (regex != null) {
            Matcher m = NAMED_GROUP.matcher(regex.pattern());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        this.groupNames = List.copyOf(names);
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
            Matcher m = regex.matcher(value);
            if (m.find()) {
                if (captures != null) {
                    for (String group : groupNames) {
                        String captured = m.group(group);
                        if (captured != null) {
                            captures.put(group, captured);
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }
}
