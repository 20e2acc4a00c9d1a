package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulePatternTest {
    /**
     * In java.util.regex, (.*a){12}$ against a run of n 'a's that ends in another character tries every way to cut
     * the run into 12 pieces before failing: 0.1 s for n = 20, 3 s for n = 30, and astronomically long for the
     * 993 below (without any 'a' it fails at once, so the keys here are made of them).
     */
    private static final String CATASTROPHIC = "^redos:(?<t>(.*a){12})$";

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void shouldAnswerACatastrophicPatternAgainstAThousandCharacterKeyPromptly() {
        RulePattern pattern = RulePattern.compile(CATASTROPHIC);
        Map<String, String> captures = new HashMap<>();

        assertThat(pattern.find("redos:" + "a".repeat(993) + "b", captures)).isFalse();
        assertThat(captures).isEmpty();
        assertThat(pattern.find("redos:" + "a".repeat(994), captures)).isTrue();
        assertThat(captures.get("t")).hasSize(994);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldAnswerACatastrophicPatternAgainstAHundredThousandCharacterKeyPromptly() {
        RulePattern pattern = RulePattern.compile(CATASTROPHIC);

        assertThat(pattern.find("redos:" + "a".repeat(99_993) + "b", new HashMap<>())).isFalse();
        assertThat(pattern.matches("redos:" + "a".repeat(99_993) + "b")).isFalse();
    }

    @Test
    void shouldCaptureNamedGroupsWrittenEitherWayForTemplates() {
        Map<String, String> captures = new HashMap<>();

        assertThat(RulePattern.compile("^(?<wiki>[a-z]+):(?P<title>.+)$").find("enwiki:Main_Page", captures))
                .isTrue();

        assertThat(captures).containsExactlyInAnyOrderEntriesOf(Map.of("wiki", "enwiki", "title", "Main_Page"));
        assertThat(RulePattern.compile("^(?<wiki>[a-z]+):(?P<title>.+)$").groupNames())
                .containsExactly("wiki", "title");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiterString = "=>", value = {
        "^enwiki:(?<t>.+)$ => enwiki:Main_Page", "^enwiki:(?<t>.+)$ => xenwiki:Main_Page", "^(?<t>a)|b => xb",
        "^a|(?<t>b) => xxb", "^(?<t>a|b)c => bc", "^(?<t>a|b)c => xbc", "(?m)^(?<t>b) => a\\nb",
        "^x(?m:$)(?<t>\\n) => x\\n", "^\\|(?<t>b) => |b", "^[|](?<t>b) => |b", "^\\Q|\\E(?<t>b) => x|b",
        "(?<t>k)$ => ok"})
    void shouldFindWhatASearchFindsWhetherOrNotThePatternIsAnchoredAtTheStart(String regex, String input) {
        // given the JDK's answer for these simple patterns, which both engines read alike
        Matcher jdk = Pattern.compile(regex).matcher(input.replace("\\n", "\n"));
        boolean found = jdk.find();
        Map<String, String> captures = new HashMap<>();

        // then the rule pattern finds the same, capturing the same group
        assertThat(RulePattern.compile(regex).find(input.replace("\\n", "\n"), captures)).isEqualTo(found);
        assertThat(captures.get("t")).isEqualTo(found ? jdk.group("t") : null);
    }

    @Test
    void shouldRefuseBackreferencesAndLookaroundSayingWhatIsUnsupported() {
        assertThatThrownBy(() -> RulePattern.compile("^(a+)\\1$")).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("'^(a+)\\1$'").hasMessageContaining("backreference \\1 is not supported")
                .hasMessageContaining("RE2 syntax");
        assertThatThrownBy(() -> RulePattern.compile("^(?<w>a)\\k<w>$")).hasMessageContaining("backreference");
        assertThatThrownBy(() -> RulePattern.compile("^enwiki:(?!Talk:).*")).hasMessageContaining("lookahead (?!");
        assertThatThrownBy(() -> RulePattern.compile("(?<=en)wiki")).hasMessageContaining("lookbehind (?<=");
        assertThatThrownBy(() -> RulePattern.compile("a++b")).hasMessageContaining("possessive quantifier ++");
        assertThatThrownBy(() -> RulePattern.compile("(?>a|ab)c")).hasMessageContaining("atomic group");
        assertThatThrownBy(() -> RulePattern.compile("^enwiki:(")).hasMessageContaining("invalid regular "
                + "expression '^enwiki:('").hasMessageContaining("missing closing )");
    }

    @Test
    void shouldRefusePatternsThatWouldExhaustTheCompilerBeforeCompilingThem() {
        assertThatThrownBy(() -> RulePattern.compile("((a{1000}){1000}){1000}"))
                .isInstanceOf(InvalidPatternException.class).hasMessageContaining("expands to more than 5000 steps");
        assertThatThrownBy(() -> RulePattern.compile("(".repeat(5_000) + "a" + ")".repeat(5_000)))
                .isInstanceOf(InvalidPatternException.class).hasMessageContaining("10001 characters long");
        assertThat(RulePattern.compile("^[a-z]{1,1000}:[0-9]{1,20}$").matches("enwiki:42")).isTrue();
    }

    @Test
    void shouldMatchGlobsAgainstWholeKeysTakingRegexCharactersLiterally() {
        RulePattern glob = RulePattern.glob("enwiki:(Main).v?*");

        assertThat(glob.matches("enwiki:(Main).v1")).isTrue();
        assertThat(glob.matches("enwiki:(Main).v12\nmore")).isTrue();
        assertThat(glob.matches("enwiki:(Main)xv1")).isFalse();
        assertThat(glob.matches("xenwiki:(Main).v1")).isFalse();
        assertThat(glob.matches("enwiki:(Main).v")).isFalse();
        assertThat(glob.find("xenwiki:(Main).v1", null)).isFalse();
    }
}
