package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine-free shortcut answers exactly what RE2/J answers for the same pattern and input. */
class PrefixPatternTest {
    private static final List<String> REGEXES = List.of("^enwiki:(?<title>.+)$", "^enwiki:(?P<title>.+)$",
            "^enwiki:(?<title>.*)$", "^enwiki:(?<title>.+)", "^enwiki:(?<title>.*)", "^enwiki:(.+)$", "^(?<all>.+)$",
            "^page/x-y z:(?<t>.*)");
    private static final List<String> GLOBS = List.of("enwiki:*", "*", "a b/c-d_:*");
    private static final List<String> INPUTS = List.of("", "enwiki", "enwiki:", "enwiki:Main_Page", "xenwiki:Main",
            "Enwiki:Main", "enwiki:a\nb", "enwiki:\nb", "enwiki:ab\n", "enwiki:a\rb", "enwiki:\uD800x", "enwiki:\uD83D\uDE00",
            "enwiki:enwiki:x", "page/x-y z:", "page/x-y z:t\n", "a b/c-d_:", "a b/c-d_:x\ny", "\n", "x");

    @Test
    void shouldTakeTheShortcutForALiteralPrefixAndARestOnly() {
        assertThat(REGEXES).allSatisfy(regex -> assertThat(PrefixPattern.ofRegex(regex)).isNotNull());
        assertThat(GLOBS).allSatisfy(glob -> assertThat(PrefixPattern.ofGlob(glob)).isNotNull());
        assertThat(PrefixPattern.ofRegex("^en.wiki:(?<t>.+)$")).isNull();
        assertThat(PrefixPattern.ofRegex("enwiki:(?<t>.+)$")).isNull();
        assertThat(PrefixPattern.ofRegex("(?i)^enwiki:(?<t>.+)$")).isNull();
        assertThat(PrefixPattern.ofRegex("^enwiki:(?<t>.+?)$")).isNull();
        assertThat(PrefixPattern.ofRegex("^enwiki:(?<t>.+)$x")).isNull();
        assertThat(PrefixPattern.ofRegex("^(?<wiki>[a-z]+):(?<t>.+)$")).isNull();
        assertThat(PrefixPattern.ofGlob("en*wiki:*")).isNull();
        assertThat(PrefixPattern.ofGlob("enwiki:?*")).isNull();
        assertThat(PrefixPattern.ofGlob("enwiki:")).isNull();
    }

    @Test
    void shouldAnswerRegexesAsRe2jDoes() {
        for (String regex : REGEXES) {
            RulePattern pattern = RulePattern.compile(regex);
            Pattern engine = Pattern.compile(regex);
            for (String input : INPUTS) {
                String what = regex + " against '" + input + "'";
                assertThat(pattern.matches(input)).as(what).isEqualTo(engine.matcher(input).matches());
                Map<String, String> captures = new HashMap<>();
                Map<String, String> expected = new HashMap<>();
                Matcher m = engine.matcher(input);
                boolean found = m.lookingAt();
                if (found) {
                    for (String group : engine.namedGroups().keySet()) {
                        if (m.group(group) != null) {
                            expected.put(group, m.group(group));
                        }
                    }
                }
                assertThat(pattern.find(input, captures)).as(what).isEqualTo(found);
                assertThat(captures).as(what).isEqualTo(expected);
                assertThat(pattern.find(input, null)).as(what).isEqualTo(found);
            }
        }
    }

    @Test
    void shouldAnswerGlobsAsRe2jDoes() {
        for (String glob : GLOBS) {
            RulePattern pattern = RulePattern.glob(glob);
            Pattern engine = Pattern.compile("^(?s:" + Pattern.quote(glob.substring(0, glob.length() - 1)) + ".*)$");
            for (String input : INPUTS) {
                String what = glob + " against '" + input + "'";
                assertThat(pattern.matches(input)).as(what).isEqualTo(engine.matcher(input).matches());
                assertThat(pattern.find(input, new HashMap<>())).as(what).isEqualTo(engine.matcher(input).find());
            }
        }
    }
}
