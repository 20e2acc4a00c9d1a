package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.Cli;
import dev.ripple.testsupport.CommandRun;
import org.junit.jupiter.api.Test;

/** {@code ripple producer}'s own options: how long a request may wait for Kafka, and the retry window. */
class ProducerCommandTest {
    @Test
    void shouldListThePublishTimeoutAndTheRetryWindowWithTheirDefaults() {
        CommandRun run = Cli.ripple("producer", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--publish-timeout-ms", "(default: 5000;", "--retry-window-s",
                "(default: 600)", "--retry-max-ids", "(default: 100000)");
    }

    @Test
    void shouldRefuseAPublishTimeoutOutOfRangeBeforeStartingAnything() {
        CommandRun run = Cli.ripple("producer", "--bootstrap-servers", "127.0.0.1:1", "--etcd", "http://127.0.0.1:1",
                "--publish-timeout-ms", "50");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().trim()).isEqualTo("ripple: Invalid value 50 for configuration publishTimeout: must be 100 "
                + "to 300000 ms.");
    }

    @Test
    void shouldRefuseMoreRememberedIdsThanTheCap() {
        CommandRun run = Cli.ripple("producer", "--bootstrap-servers", "127.0.0.1:1", "--etcd", "http://127.0.0.1:1",
                "--retry-max-ids", "2000000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Invalid value 2000000 for configuration retryWindow.maxIds");
    }
}
