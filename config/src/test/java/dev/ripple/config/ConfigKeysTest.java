package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void shouldBuildTheKeysOfTheDesignLayout() {
        assertThat(ConfigKeys.stream("edits")).isEqualTo("/ripple/streams/edits");
        assertThat(ConfigKeys.rule("page-edits")).isEqualTo("/ripple/rules/page-edits");
        assertThat(ConfigKeys.region("eqiad")).isEqualTo("/ripple/regions/eqiad");
        assertThat(ConfigKeys.conit("enwiki-pages")).isEqualTo("/ripple/conits/enwiki-pages");
        assertThat(ConfigKeys.purgeTarget("esams", "cache")).isEqualTo("/ripple/purge-targets/esams/cache");
        assertThat(ConfigKeys.producer("mediawiki")).isEqualTo("/ripple/producers/mediawiki");
        assertThat(DocumentKind.EPOCH.prefix()).isEqualTo("/ripple/epoch");
        assertThatThrownBy(() -> ConfigKeys.rule("Page Edits")).hasMessageContaining("Invalid name 'Page Edits'");
    }

    @Test
    void shouldParseKeysBackAndExplainTheOnesOutsideTheLayout() {
        assertThat(ConfigKeys.parse("/ripple/purge-targets/esams/cache"))
                .contains(new ConfigKeys.Ref(DocumentKind.PURGE_TARGET, "esams", "cache"));
        assertThat(ConfigKeys.parse("/ripple/epoch")).contains(new ConfigKeys.Ref(DocumentKind.EPOCH, null, null));
        assertThat(ConfigKeys.parse("/ripple/purge-targets/cache")).isEmpty();
        assertThat(ConfigKeys.problems("/ripple/purge-targets/cache")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("/ripple/purge-targets/<region>/<name>"));
        assertThat(ConfigKeys.problems("/other/x")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("outside /ripple/"));
    }
}
