package dev.ripple.propagator;

import java.util.Objects;

/**
 * One reason a rule set cannot be compiled.
 *
 * @param rule the rule's name ({@code ""} for a problem of the set as a whole)
 * @param field the field, as in the rule's JSON: {@code match.key}, {@code purge.urls[0]}; {@code ""} for the
 *     rule as a whole
 * @param message what is wrong and what would be right
 */
public record RuleProblem(String rule, String field, String message) {
    public RuleProblem {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "rule '" + rule + "'" + (field.isEmpty() ? "" : " " + field) + ": " + message;
    }
}
