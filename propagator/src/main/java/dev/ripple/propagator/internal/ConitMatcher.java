package dev.ripple.propagator.internal;

import dev.ripple.config.ConitDoc;
import dev.ripple.config.RulePattern;
import java.util.Objects;

/**
 * Which keys belong to a conit: its glob ({@code *} any run, {@code ?} one character) or regex, matched against
 * the whole key.
 *
 * @param name the conit's name
 * @param keys the compiled pattern (RE2 syntax, linear time)
 */
public record ConitMatcher(String name, RulePattern keys) {
    public ConitMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
    }

    /** @throws dev.ripple.config.InvalidPatternException if the keys are not a pattern RE2/J accepts */
    public static ConitMatcher of(ConitDoc conit) {
        return new ConitMatcher(conit.name(), conit.keys().compile());
    }

    public boolean covers(String key) {
        return keys.matches(key);
    }
}
