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
        String regex = conit.keys().regex() != null ? conit.keys().regex() : globToRegex(conit.keys().glob());
        return new ConitMatcher(conit.name(), Pattern.compile(regex));
    }

    public boolean covers(String key) {
        return keys.matcher(key).matches();
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }
}
