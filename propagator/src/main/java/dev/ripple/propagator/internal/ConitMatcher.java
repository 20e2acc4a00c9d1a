package dev.ripple.propagator.internal;

import dev.ripple.config.ConitDoc;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which keys belong to a conit: its glob ({@code *} any run, {@code ?} one character) or regex, matched against
 * the whole key.
 *
 * @param name the conit's name
 * @param keys the compiled pattern
 */
public record ConitMatcher(String name, Pattern keys) {
    public ConitMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
    }

    public static ConitMatcher of(ConitDoc conit) {
        return new ConitMatcher(conit.name(), conit.keys().compile());
    }

    public boolean covers(String key) {
        return keys.matcher(key).matches();
    }
}
