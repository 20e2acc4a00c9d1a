package dev.ripple.config;

import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;

/** What {@link RulePattern} checks before and after RE2/J parses a pattern. */
final class PatternChecks {
    private static final String LINEAR = "; rule patterns use RE2 syntax, which matches in linear time and so has "
            + "no backreferences, lookaround, possessive quantifiers or atomic groups";
    /** RE2/J refuses larger counts itself; capping keeps the estimate's arithmetic far from overflow. */
    private static final int MAX_COUNT = 1_001;

    private PatternChecks() {}

    /** What RE2/J's refusal means to someone who wrote Java or PCRE syntax. */
    static String reason(PatternSyntaxException e) {
        String piece = e.getPattern() == null ? "" : e.getPattern();
        if (piece.length() > 1 && piece.charAt(0) == '\\' && "123456789k".indexOf(piece.charAt(1)) >= 0) {
            return "backreference " + piece + " is not supported" + LINEAR;
        }
        if (piece.startsWith("(?=") || piece.startsWith("(?!")) {
            return "lookahead " + piece + "…) is not supported" + LINEAR;
        }
        if (piece.startsWith("(?<=") || piece.startsWith("(?<!")) {
            return "lookbehind " + piece.substring(0, 4) + "…) is not supported" + LINEAR;
        }
        if (piece.startsWith("(?>")) {
            return "atomic group (?>…) is not supported" + LINEAR;
        }
        if (piece.length() == 2 && "*+?}".indexOf(piece.charAt(0)) >= 0 && piece.charAt(1) == '+') {
            return "possessive quantifier " + piece + " is not supported" + LINEAR;
        }
        return e.getDescription() + (piece.isEmpty() ? "" : " `" + piece + "`") + " (RE2 syntax)";
    }

    /**
     * An upper estimate of the steps the compiled pattern has: every atom one, a group its content and two, a
     * counted repeat {@code {n,m}} its operand times its largest count. Stops counting past {@code MAX_SIZE}. The
     * syntax is checked by RE2/J afterwards; this only keeps {@code ((a{1000}){1000}){1000}} from being compiled.
     */
    static long size(String regex) {
        ArrayDeque<long[]> open = new ArrayDeque<>();
        long total = 0;
        long last = 0;
        int i = 0;
        while (i < regex.length() && total <= RulePattern.MAX_SIZE) {
            char c = regex.charAt(i);
            long atom = 1;
            int next = i + 1;
            switch (c) {
                case '\\' -> next = skipEscape(regex, i);
                case '[' -> next = skipClass(regex, i);
                case '(' -> {
                    open.push(new long[] {total, last});
                    total = 0;
                    last = 0;
                    i = next;
                    continue;
                }
                case ')' -> {
                    atom = total + 2;
                    total = open.isEmpty() ? total : open.pop()[0];
                }
                case '|', '*', '+', '?' -> {
                    total++;
                    last = c == '|' ? 0 : last;
                    i = next;
                    continue;
                }
                case '{' -> {
                    int end = regex.indexOf('}', i);
                    int count = end < 0 ? -1 : count(regex.substring(i + 1, end));
                    if (count >= 0) {
                        total += last * (count - 1) + count;
                        last *= count;
                        i = end + 1;
                        continue;
                    }
                }
                default -> { }
            }
            total += atom;
            last = atom;
            i = next;
        }
        while (!open.isEmpty()) {
            total += open.pop()[0];
        }
        return total;
    }

    /**
     * Whether every match must start at the beginning of the input: the regex starts with {@code ^} (read before
     * any flag, so it is the start of the text even where {@code (?m)} follows) and has no alternation outside
     * groups ({@code ^a|b} finds {@code b} anywhere). Then the match anchored at the start is the leftmost one,
     * which RE2/J finds several times faster than by searching.
     */
    static boolean anchoredAtStart(String regex) {
        if (!regex.startsWith("^")) {
            return false;
        }
        int depth = 0;
        int i = 1;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = skipEscape(regex, i);
                continue;
            }
            if (c == '[') {
                i = skipClass(regex, i);
                continue;
            }
            if (c == '|' && depth == 0) {
                return false;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            i++;
        }
        return true;
    }

    /** The largest count of {@code n}, {@code n,} or {@code n,m} (capped), or -1 if it is not a repeat. */
    private static int count(String inner) {
        if (!inner.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
            return -1;
        }
        int comma = inner.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? inner : inner.substring(0, comma));
        int max = comma < 0 ? min : comma == inner.length() - 1 ? min + 1 : Integer.parseInt(inner.substring(comma + 1));
        return Math.max(1, Math.min(MAX_COUNT, Math.max(min, max)));
    }

    private static int skipEscape(String regex, int at) {
        int i = at + 1;
        if (regex.startsWith("Q", i)) {
            int end = regex.indexOf("\\E", i);
            return end < 0 ? regex.length() : end + 2;
        }
        if (i + 1 < regex.length() && "pPx".indexOf(regex.charAt(i)) >= 0 && regex.charAt(i + 1) == '{') {
            int end = regex.indexOf('}', i);
            return end < 0 ? regex.length() : end + 1;
        }
        return Math.min(regex.length(), i + 1);
    }

    private static int skipClass(String regex, int at) {
        int i = at + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            if (regex.charAt(i) == '\\') {
                i = skipEscape(regex, i);
            } else if (regex.startsWith("[:", i)) {
                int end = regex.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else {
                i++;
            }
        }
        return Math.min(regex.length(), i + 1);
    }
}
