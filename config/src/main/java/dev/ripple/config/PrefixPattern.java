package dev.ripple.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The common shape of a key pattern answered without the regex engine: a literal prefix, then the rest of the
 * input, or of its first line, optionally as a named group — the regex {@code ^enwiki:(?<title>.+)$} or the glob
 * {@code enwiki:*}. It answers exactly what RE2/J answers for the same pattern ({@code RulePatternTest} compares them),
 * at the cost of a {@code startsWith} instead of two runs of RE2/J's NFA (one to match, one for the groups).
 *
 * @param prefix the literal text the input must start with
 * @param group the named group capturing the rest, or null
 * @param anyLength whether the rest may be empty ({@code .*}) or needs a character ({@code .+})
 * @param toEnd whether the rest must reach the end of the input ({@code $}, or a whole match), not just of its line
 * @param newlines whether the rest may hold line feeds ({@code (?s)}, as in a glob)
 */
record PrefixPattern(String prefix, String group, boolean anyLength, boolean toEnd, boolean newlines) {
    /** {@code ^literal(?<name>.+)$} and its variants; only letters, digits and {@code : _ / - space} in the literal. */
    private static final Pattern SHAPE = Pattern.compile(
            "\\^([A-Za-z0-9:_/ -]*)\\((?:\\?P?<([A-Za-z_][A-Za-z0-9_]*)>)?\\.([+*])\\)(\\$?)");

    /** The shortcut for a regex of that shape, or null for any other regex. */
    static PrefixPattern ofRegex(String regex) {
        Matcher m = SHAPE.matcher(regex);
        if (!m.matches()) {
            return null;
        }
        return new PrefixPattern(m.group(1), m.group(2), "*".equals(m.group(3)), !m.group(4).isEmpty(), false);
    }

    /** The shortcut for a glob that is a literal and one trailing {@code *}, or null for any other glob. */
    static PrefixPattern ofGlob(String glob) {
        int star = glob.indexOf('*');
        if (star != glob.length() - 1 || glob.indexOf('?') >= 0) {
            return null;
        }
        return new PrefixPattern(glob.substring(0, star), null, true, true, true);
    }

    /** The rest of {@code input} the pattern matches after the prefix, or null when it does not match. */
    private String rest(CharSequence input, boolean whole) {
        String text = input.toString();
        if (!text.startsWith(prefix)) {
            return null;
        }
        int end = text.length();
        if (!newlines) {
            int lineFeed = text.indexOf('\n', prefix.length());
            if (lineFeed >= 0) {
                if (toEnd || whole) {
                    return null;
                }
                end = lineFeed;
            }
        }
        if (!anyLength && end == prefix.length()) {
            return null;
        }
        return text.substring(prefix.length(), end);
    }

    /** Whether the whole of {@code input} matches. */
    boolean matches(CharSequence input) {
        return rest(input, true) != null;
    }

    /** Whether a match starts at the beginning of {@code input}; puts the group's value into non-null captures. */
    boolean find(CharSequence input, Map<String, String> captures) {
        String rest = rest(input, false);
        if (rest == null) {
            return false;
        }
        if (captures != null && group != null) {
            captures.put(group, rest);
        }
        return true;
    }
}
