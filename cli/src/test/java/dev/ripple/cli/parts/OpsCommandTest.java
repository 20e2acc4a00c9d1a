package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.RippleCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpsCommandTest {

    @Test
    void shouldRefuseADashboardWindowLongerThanItsHistoryNamingTheOnesItKeeps() {
        // given the ripple command line
        StringWriter err = new StringWriter();
        CommandLine ripple = RippleCommand.commandLine();
        ripple.setErr(new PrintWriter(err));

        // when ops is asked for a 2-hour default window with 30 minutes of history
        int exit = ripple.execute("ops", "--bootstrap-servers", "127.0.0.1:9", "--dashboard-retention-m", "30",
                "--dashboard-window", "2h");

        // then it exits 1 at once with one line naming the value and what would do
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("ripple: Invalid value '2h' for window: give a whole number and "
                + "s, m or h (1m, 5m, 15m), from 5s (the sample interval) to 30m (the history kept).");
    }
}
