package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
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
}
