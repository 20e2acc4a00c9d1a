package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.PartProcess;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The operator commands find the ops server from RIPPLE_OPS_URL, as a shell on an operator's host sets it. */
class OpsUrlIT {
    @Test
    void shouldAskTheOpsServerThatRippleOpsUrlNames() throws Exception {
        for (String command : new String[] {"status", "lag"}) {
            try (PartProcess run = PartProcess.start(Map.of("RIPPLE_OPS_URL", "http://127.0.0.1:9"), command)) {
                // nothing listens on port 9: the command names the server it was told of, not "no ops server"
                assertThat(run.await(Pattern.compile("(Could not connect to http://127\\.0\\.0\\.1:9[^\\n]*)"),
                        Duration.ofSeconds(60))).contains("is 'ripple ops' or 'ripple up' running there?");
                assertThat(run.output()).doesNotContain("No ops server to ask");
            }
        }
    }
}
