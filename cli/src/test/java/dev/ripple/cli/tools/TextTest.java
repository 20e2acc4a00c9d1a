package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void shouldShowAWholeGaugeValueWithoutAFractionAndEverythingElseAsItIs() throws Exception {
        JsonNode dashboard = EventJson.mapper().readTree("{\"rule_set_version\": 2.0, \"ratio\": 0.5, \"count\": 7, "
                + "\"name\": \"eqiad\", \"none\": null}");

        assertThat(Text.of(dashboard, "rule_set_version")).isEqualTo("2");
        assertThat(Text.of(dashboard, "ratio")).isEqualTo("0.5");
        assertThat(Text.of(dashboard, "count")).isEqualTo("7");
        assertThat(Text.of(dashboard, "name")).isEqualTo("eqiad");
        assertThat(Text.of(dashboard, "none")).isEqualTo("-");
        assertThat(Text.of(dashboard, "missing")).isEqualTo("-");
    }
}
