package dev.ripple.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where {@code http-e2e} says a subject's CPU per event goes, by thread group. */
class ThreadCpuTableTest {

    @Test
    void shouldListTheCostliestGroupsAtTheRateWithTheirBlastCostAndRatioThenTheRestAndTheTotal() {
        ThreadCpuTable table = new ThreadCpuTable();
        // two blast rounds of 1,000 events each, one round of 500 at the rate
        table.add("ripple", true, Map.of("ripple-http-N", 0.05, "poller", 0.01, "idle-ticker", 0.0), 1000);
        table.add("ripple", true, Map.of("ripple-http-N", 0.05, "poller", 0.01), 1000);
        table.add("ripple", false, Map.of("ripple-http-N", 0.04, "poller", 0.05, "idle-ticker", 0.005), 500);

        String md = table.markdown("ripple", 500, 2);

        assertThat(md.lines()).containsExactly(
                "| ripple: thread group | blast µs/event | 500/s µs/event | ratio |",
                "|---|---|---|---|",
                "| poller | 10 | 100 | 10.0× |",
                "| ripple-http-N | 50 | 80 | 1.6× |",
                "| other groups (1) | 0 | 10 | – |",
                "| **all Java threads** (no JIT, no GC) | 60 | 190 | 3.2× |");
    }

    @Test
    void shouldEscapeAPipeInAThreadNameAndPrintNothingForASubjectWithoutBothLoads() {
        ThreadCpuTable table = new ThreadCpuTable();
        table.add("ripple", true, Map.of("kafka-producer-network-thread | ripple-publisher", 0.01), 100);
        assertThat(table.markdown("ripple", 500, 5)).isEmpty();

        table.add("ripple", false, Map.of("kafka-producer-network-thread | ripple-publisher", 0.02), 100);
        assertThat(table.markdown("ripple", 500, 5)).contains("| kafka-producer-network-thread \\| ripple-publisher "
                + "| 100 | 200 | 2.0× |");
    }
}
