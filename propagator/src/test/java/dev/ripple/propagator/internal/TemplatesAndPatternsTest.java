package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ConitDoc;
import org.junit.jupiter.api.Test;

class TemplatesAndPatternsTest {

    @Test
    void shouldPercentEncodeUrlValuesLikeMediaWikiKeepingSlashesAndColons() {
        assertThat(UrlEncoding.encode("Main_Page")).isEqualTo("Main_Page");
        assertThat(UrlEncoding.encode("Talk:A/B (c), d;e")).isEqualTo("Talk:A/B%20(c),%20d;e");
        assertThat(UrlEncoding.encode("Q?&#=%+")).isEqualTo("Q%3F%26%23%3D%25%2B");
        assertThat(UrlEncoding.encode("Zürich")).isEqualTo("Z%C3%BCrich");
    }

    @Test
    void shouldMatchConitGlobsAgainstWholeKeysWithRegexCharactersTakenLiterally() {
        ConitMatcher conit = ConitMatcher.of(new ConitDoc("c", ConitDoc.KeyPattern.glob("enwiki:*.v?"),
                new ConitDoc.Bounds(1L, null, null), ConitDoc.Enforcement.ALERT));
        assertThat(conit.covers("enwiki:Main.v1")).isTrue();
        assertThat(conit.covers("enwiki:Mainxv1")).isFalse();
        assertThat(conit.covers("xenwiki:Main.v1")).isFalse();
        assertThat(conit.covers("enwiki:Main.v12")).isFalse();
    }
}
