package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.Cli;
import dev.ripple.cli.CliException;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.CommandRun;
import org.junit.jupiter.api.Test;

class LagCommandTest {
    /** /api/lag some seconds after the kill of ripple-purger-esams' only instance and of one of two appliers. */
    private static final String LAG = """
            {"at": "2026-12-05T02:50:00Z", "groups": [
              {"group": "ripple-purger-esams", "component": "purger", "region": "esams", "state": "Empty",
               "members": 0, "status": "STOP", "reason": "ripple.purge.esams-0: no live member: the group has none \
            (the last one left or its session expired); committed offset 120, lag 35", "lag": 210,
               "time_lag_ms": 6500, "partitions": [
                 {"topic": "ripple.purge.esams", "partition": 0, "committed": 120, "end": 155, "lag": 35,
                  "time_lag_ms": 6500, "owner": null, "status": "STOP", "reason": "no live member"}]},
              {"group": "ripple-replica-eqiad", "component": "replica", "region": "eqiad",
               "state": "PreparingRebalance", "members": 1, "status": "REBALANCING", "reason": "ripple.replicate.eqiad-3: \
            the group is rebalancing", "lag": 40, "time_lag_ms": 1200}]}
            """;

    @Test
    void shouldShowADeadGroupAsStoppedWithNoMembersAndARebalancingOneAsSuch() throws Exception {
        JsonNode lag = EventJson.mapper().readTree(LAG);

        String all = new LagCommand().render(lag);

        assertThat(all).containsPattern("ripple-purger-esams +esams +STOP +210 .*Empty/0 +ripple.purge.esams-0: no live")
                .containsPattern("ripple-replica-eqiad +eqiad +REBALANCING +40 .*PreparingRebalance/1 ");
    }

    @Test
    void shouldShowTheOwnerlessPartitionsOfOneGroup() throws Exception {
        LagCommand command = new LagCommand();
        command.group = "ripple-purger-esams";

        String one = command.render(EventJson.mapper().readTree(LAG));

        assertThat(one).doesNotContain("ripple-replica-eqiad")
                .containsPattern("ripple.purge.esams-0 +STOP +120 +155 +35 .* - +no live member");
    }
    @Test
    void shouldRefuseToRefreshFasterThanTheMonitorSamplesNamingTheFix() {
        LagCommand command = new LagCommand();
        command.every = 1;

        // 'ripple up' samples every 2 s: a refresh every second would show each sample twice, as if lag stood still
        assertThatThrownBy(() -> command.checkEvery(2_000)).isInstanceOf(CliException.class)
                .hasMessageContaining("--every 1 is below the lag sampling interval of the ops server (2.0 s)")
                .hasMessageContaining("Pass --every 2 or more");
        assertThat(((CliException) catchThrowable(() -> command.checkEvery(2_000))).exitCode()).isEqualTo(2);
        command.every = 2;
        command.checkEvery(2_000);
        command.every = 1;
        command.checkEvery(0); // a server that does not say its interval
    }

    @Test
    void shouldRefuseAnIntervalBelowOneSecondBeforeAskingAnyServer() {
        CommandRun run = Cli.ripple("lag", "--watch", "--every", "0", "--url", "http://127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--every 0: refreshes are at least 1 second apart").doesNotContain("connect");
    }

    @Test
    void shouldRefuseACountWithoutWatch() {
        CommandRun run = Cli.ripple("lag", "--count", "3", "--url", "http://127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--count 3: a number of refreshes, 1 or more, and only with --watch");
    }

    @Test
    void shouldKeepOnlyTheGroupAskedForInTheJsonDocument() throws Exception {
        LagCommand command = new LagCommand();
        command.group = "ripple-replica-eqiad";

        JsonNode one = command.only(EventJson.mapper().readTree(LAG));

        assertThat(one.path("groups").findValuesAsText("group")).containsExactly("ripple-replica-eqiad");
        assertThat(one.path("at").asText()).isEqualTo("2026-12-05T02:50:00Z");
    }
}
