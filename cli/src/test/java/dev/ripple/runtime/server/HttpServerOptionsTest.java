package dev.ripple.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cli.Cli;
import dev.ripple.testsupport.CommandRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpServerOptionsTest {
    @Test
    void shouldKeepEveryOtherBoundWhenOneIsChanged() {
        HttpServerOptions options = HttpServerOptions.defaults().withMaxThreads(64).withMinRequestDataRate(4096);

        assertThat(options.maxThreads()).isEqualTo(64);
        assertThat(options.minRequestDataRate()).isEqualTo(4096);
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxConnections()).isEqualTo(2_000);
    }

    @Test
    void shouldRefuseBoundsOutOfRangeNamingTheValueAndTheRange() {
        assertThatThrownBy(() -> HttpServerOptions.defaults().withMaxThreads(2))
                .hasMessage("Invalid value 2 for maxThreads: must be 8 to 10000");
        assertThatThrownBy(() -> HttpServerOptions.defaults().withIdleTimeout(Duration.ofMillis(5)))
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> HttpServerOptions.defaults().withMaxConnections(0))
                .hasMessageContaining("maxConnections");
    }

    @Test
    void shouldReportAnInvalidFlagOfAServingCommandBeforeStartingAnything() {
        CommandRun run = Cli.ripple("replica", "--region", "eqiad", "--bootstrap-servers", "127.0.0.1:1", "--redis",
                "redis://127.0.0.1:1", "--http-max-threads", "3");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Invalid value 3 for maxThreads");
    }
}
