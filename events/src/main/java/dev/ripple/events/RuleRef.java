package dev.ripple.events;

import java.util.Objects;

/**
 * The rule that produced a record, and the version of the rule set it was evaluated against.
 *
 * @param name the rule's name
 * @param ruleSetVersion the config-store revision of the rule set in force
 */
public record RuleRef(String name, long ruleSetVersion) {
    public RuleRef {
        Objects.requireNonNull(name, "name");
        if (ruleSetVersion < 0) {
            throw new IllegalArgumentException("ruleSetVersion must be >= 0, was " + ruleSetVersion);
        }
    }
}
