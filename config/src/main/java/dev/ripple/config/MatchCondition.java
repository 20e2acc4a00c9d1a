package dev.ripple.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One condition of a rule's {@code match} or {@code match_not}: in JSON either a string, a regular expression
 * the field must match (find semantics: anchor it with {@code ^…$} to match whole values), or a list of strings,
 * the literal values the field may have. Exactly one of the two is set in a valid rule; {@link RuleDoc} checks.
 *
 * @param regex the regular expression, or null
 * @param oneOf the accepted literal values, or null
 */
public record MatchCondition(String regex, List<String> oneOf) {
    public MatchCondition {
        oneOf = oneOf == null ? null : List.copyOf(oneOf);
    }

    public static MatchCondition regex(String regex) {
        return new MatchCondition(regex, null);
    }

    public static MatchCondition oneOf(String... values) {
        return new MatchCondition(null, List.of(values));
    }

    /** From JSON: a string is a regex, an array of strings the accepted values; anything else neither. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MatchCondition fromJson(JsonNode node) {
        if (node.isTextual()) {
            return new MatchCondition(node.textValue(), null);
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(element -> values.add(element.isTextual() ? element.textValue() : null));
            return values.contains(null) ? new MatchCondition(null, null) : new MatchCondition(null, values);
        }
        return new MatchCondition(null, null);
    }

    @JsonValue
    Object toJson() {
        return regex != null ? regex : oneOf;
    }
}
