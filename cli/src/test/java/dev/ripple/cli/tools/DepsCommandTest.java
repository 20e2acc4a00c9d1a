package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.Cli;
import dev.ripple.cli.CliException;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.CommandRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DepsCommandTest {
    @Test
    void shouldReadDurationsInUnitsOrIso() {
        assertThat(DepsCommand.duration("90s", "--since")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DepsCommand.duration("30m", "--since")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DepsCommand.duration("6h", "--since")).isEqualTo(Duration.ofHours(6));
        assertThat(DepsCommand.duration("2d", "--since")).isEqualTo(Duration.ofDays(2));
        assertThat(DepsCommand.duration("PT1H", "--since")).isEqualTo(Duration.ofHours(1));
        for (String bad : new String[] {"", "h", "0h", "-1h", "5y", "soon"}) {
            assertThatThrownBy(() -> DepsCommand.duration(bad, "--since")).as(bad).isInstanceOf(CliException.class)
                    .hasMessageContaining("--since must be a duration such as 90s");
        }
    }

    @Test
    void shouldRefuseBothOrNeitherOfKeyAndWhy() {
        CommandRun neither = Cli.ripple("deps");
        CommandRun both = Cli.ripple("deps", "k", "--why", "id");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("Give a KEY, or --why ID");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void shouldSumEachGroupsLagOnEachDerivedLaneOnly() throws Exception {
        JsonNode lag = EventJson.mapper().readTree("""
                {"groups": [{"group": "ripple-propagator", "partitions": [
                  {"topic": "ripple.derived", "partition": 0, "lag": 3, "time_lag_ms": 200},
                  {"topic": "ripple.derived", "partition": 1, "lag": 4, "time_lag_ms": 900},
                  {"topic": "ripple.stream.edits", "partition": 0, "lag": 50, "time_lag_ms": 9000}]},
                 {"group": "ripple-replica-eqiad", "partitions": [
                  {"topic": "ripple.replicate.eqiad", "partition": 0, "lag": 8, "time_lag_ms": 1}]}]}
                """);

        JsonNode lanes = StatusCommand.derivedLanes(lag);

        assertThat(lanes).hasSize(1);
        assertThat(lanes.get(0).path("topic").asText()).isEqualTo("ripple.derived");
        assertThat(lanes.get(0).path("group").asText()).isEqualTo("ripple-propagator");
        assertThat(lanes.get(0).path("lag").asLong()).isEqualTo(7);
        assertThat(lanes.get(0).path("time_lag_ms").asLong()).isEqualTo(900);
    }
}
