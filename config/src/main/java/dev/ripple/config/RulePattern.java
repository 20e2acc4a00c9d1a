package dev.ripple.config;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pattern from the config — a rule's {@code match} and {@code match_not} regexes, a conit's {@code keys} regex or
 * glob — in RE2 syntax, matched in time linear in the input (RE2/J): no input can make a match backtrack, so no
 * rule and no key can stall the thread that matches. RE2 syntax has no backreferences, lookaround, possessive
 * quantifiers or atomic groups; named groups are {@code (?<name>…)} or {@code (?P<name>…)}.
 *
 * <p>{@link #compile} and {@link #glob} are the one place such patterns are compiled: config validation calls them,
 * and so do the propagator, the intake's throttle and the read gate, so a pattern that passes {@code ripple config
 * put} is exactly one they can run. Immutable and thread-safe.
 */
public final class RulePattern {
    /** The longest pattern or glob accepted, in characters (deeper nesting would overflow the compiler's stack). */
    public static final int MAX_LENGTH = 1_000;
    /** The most steps a pattern may expand to (repeat counts multiply); matching costs input length × steps. */
    public static final int MAX_SIZE = 5_000;

    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames;
    private final boolean anchoredAtStart;
    /** The same pattern answered without the engine when it is a literal prefix and a rest; null otherwise. */
    private final PrefixPattern prefix;

    private RulePattern(String source, Pattern pattern, boolean anchoredAtStart, PrefixPattern prefix) {
        this.source = source;
        this.pattern = pattern;
        this.anchoredAtStart = anchoredAtStart;
        this.prefix = prefix;
        this.groupNames = pattern.namedGroups().entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    /**
     * Compiles a regular expression in RE2 syntax.
     *
     * @throws InvalidPatternException quoting the regex and saying what is wrong or unsupported
     */
    public static RulePattern compile(String regex) {
        Objects.requireNonNull(regex, "regex");
        return compile(regex, regex, "regular expression", PrefixPattern.ofRegex(regex));
    }

    /**
     * Compiles a glob matched against whole values: {@code *} any run of characters, {@code ?} one character,
     * everything else literal.
     *
     * @throws InvalidPatternException if the glob is longer than {@link #MAX_LENGTH}
     */
    public static RulePattern glob(String glob) {
        Objects.requireNonNull(glob, "glob");
        StringBuilder regex = new StringBuilder("^(?s:");
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString())).append(")$");
        return compile(glob, regex.toString(), "glob", PrefixPattern.ofGlob(glob));
    }

    private static RulePattern compile(String source, String regex, String what, PrefixPattern prefix) {
        if (source.length() > MAX_LENGTH) {
            throw new InvalidPatternException("the " + what + " is " + source.length() + " characters long; at "
                    + "most " + MAX_LENGTH + " are accepted");
        }
        long size = PatternChecks.size(regex);
        if (size > MAX_SIZE) {
            throw new InvalidPatternException("the " + what + " '" + source + "' expands to more than " + MAX_SIZE
                    + " steps (repeat counts multiply); use smaller or fewer counted repeats such as {n}");
        }
        try {
            return new RulePattern(source, Pattern.compile(regex), PatternChecks.anchoredAtStart(regex), prefix);
        } catch (PatternSyntaxException e) {
            throw new InvalidPatternException("invalid " + what + " '" + source + "': " + PatternChecks.reason(e));
        }
    }

    /** The regex or glob as written in the config. */
    public String source() {
        return source;
    }

    /** The names of the named groups, in the order they open; empty for none (and for a glob). */
    public List<String> groupNames() {
        return groupNames;
    }

    /** Whether the whole of {@code input} matches. */
    public boolean matches(CharSequence input) {
        if (prefix != null) {
            return prefix.matches(input);
        }
        return pattern.matcher(input).matches();
    }

    /**
     * Whether the pattern matches somewhere in {@code input}; if so, and {@code captures} is not null, puts the
     * value of each named group that took part in the match.
     */
    public boolean find(CharSequence input, Map<String, String> captures) {
        if (prefix != null) {
            return prefix.find(input, captures);
        }
        Matcher m = pattern.matcher(input);
        if (!(anchoredAtStart ? m.lookingAt() : m.find())) {
            return false;
        }
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RulePattern other && source.equals(other.source)
                && pattern.pattern().equals(other.pattern.pattern());
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
