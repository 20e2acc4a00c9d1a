package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FaultKindTest {

    @Test
    void shouldParseEveryCodeItPrintsAndNameThemAllWhenOneIsUnknown() {
        assertThat(Arrays.stream(FaultKind.values()).map(k -> FaultKind.fromCode(k.code())))
                .containsExactly(FaultKind.values());
        assertThat(FaultKind.fromCode("broker-restart")).isEqualTo(FaultKind.BROKER_RESTART);
        assertThatThrownBy(() -> FaultKind.fromCode("broker-kill")).hasMessageContaining("Unknown fault 'broker-kill'")
                .hasMessageContaining("broker-restart");
    }

    @Test
    void shouldLeaveTheBrokerRestartOutOfTheDefaultFaultsButTakeItWhenNamed() {
        FaultsCommand byDefault = new FaultsCommand();
        new CommandLine(byDefault).parseArgs();
        assertThat(byDefault.faults).containsExactly("kill", "redis-pause", "etcd-restart");

        FaultsCommand named = new FaultsCommand();
        new CommandLine(named).parseArgs("--faults", "broker-restart,kill", "--pause-s", "15");
        assertThat(named.faults).containsExactly("broker-restart", "kill");
        assertThat(named.pauseS).isEqualTo(15);
        assertThat(new CommandLine(new FaultsCommand()).getUsageMessage()).contains("broker-restart",
                "the broker down");
    }
}
