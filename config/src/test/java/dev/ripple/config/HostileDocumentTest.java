package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a careless or hostile config author can write is refused with a message, never a crash: alias bombs, deep
 * nesting, huge numbers. (Rule patterns have their own tests: {@code RulePatternTest}.)
 */
class HostileDocumentTest {

    @Test
    @Timeout(10)
    void shouldRefuseAYamlAliasBombInsteadOfExpandingIt() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append("]\n");
        }

        String document = yaml + "name: edits\ndescription: *j\n";

        // 8^10 strings if expanded; refused (the sections and fields are unknown) without expanding them
        assertThatThrownBy(() -> ConfigImport.parse(yaml.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a: unknown section");
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits", document,
                Optional.empty())).isInstanceOf(ConfigException.class).hasMessageContaining("/ripple/streams/edits");
    }

    @Test
    void shouldRefuseJsonAndYamlNestedTenThousandDeep() {
        String json = "{\"name\": \"edits\", \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String yaml = "name: edits\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits", json, Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("nesting");
        assertThatThrownBy(() -> ConfigImport.parse(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void shouldRefuseANumberTooLargeForItsFieldNamingTheField() {
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits",
                "{\"max_event_bytes\": 1" + "0".repeat(400) + "}", Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("max_event_bytes");
    }

    @Test
    void shouldRefuseDependencySettingsOutOfRangeOrAPatternRe2CannotRunNamingTheField() {
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits",
                "{\"dependencies\": {\"fanout_rate_per_s\": 0}}", Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("dependencies.fanout_rate_per_s");
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits",
                "{\"dependencies\": {\"max_depth\": 1000}}", Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("dependencies.max_depth");
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits",
                "{\"dependencies\": {\"fanout_max_lag_ms\": 5}}", Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("dependencies.fanout_max_lag_ms");
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits",
                "{\"dependencies\": {\"uses_from_tags\": \"^(a)\\\\1$\"}}", Optional.empty()))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("dependencies.uses_from_tags");
        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/streams/edits",
                "{\"dependencies\": {\"fanout\": 1}}", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fanout");
    }
}
