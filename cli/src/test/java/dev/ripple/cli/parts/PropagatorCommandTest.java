package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cli.CliException;
import dev.ripple.cli.RippleCommand;
import dev.ripple.propagator.Delivery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PropagatorCommandTest {

    @Test
    void shouldRefuseAnInvalidPartitionCountWithAMessageNamingItAndNoStackTrace() {
        // given the ripple command line
        StringWriter err = new StringWriter();
        CommandLine ripple = RippleCommand.commandLine();
        ripple.setErr(new PrintWriter(err));

        // when the propagator is asked to run with 0 partitions
        int exit = ripple.execute("propagator", "--bootstrap-servers", "127.0.0.1:9", "--partitions", "0");

        // then it exits 1 with one line naming the value and the rule
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("ripple: Invalid value 0 for configuration partitions: must be "
                + "1 to 10000");
    }

    @Test
    void shouldTakeItsSettingsFromTheOptions() {
        // given the options an operator would give
        PropagatorCommand command = new PropagatorCommand();
        new CommandLine(command).parseArgs("--bootstrap-servers", "k1:9092,k2:9092", "--partitions", "12",
                "--application-id", "prop-eu", "--topic-prefix", "prod", "--standby-replicas", "1",
                "--stream-threads", "2", "--commit-interval-ms", "20", "--compression", "zstd", "--batch-bytes",
                "131072");

        // then the propagator's config says the same, with exactly-once defaults for the rest
        var config = command.config();
        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.applicationId()).isEqualTo("prop-eu");
        assertThat(config.topics().replicate("eqiad")).isEqualTo("prod.replicate.eqiad");
        assertThat(config.standbyReplicas()).isEqualTo(1);
        assertThat(config.streamThreads()).isEqualTo(2);
        // a persistent state directory by default (RIPPLE_STATE_DIR, else ripple-state in the working directory)
        assertThat(config.stateDir()).isEqualTo(System.getenv("RIPPLE_STATE_DIR") != null
                ? Path.of(System.getenv("RIPPLE_STATE_DIR")) : Path.of("ripple-state"));
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.streamsSettings()).containsEntry("producer.compression.type", "zstd")
                .containsEntry("producer.batch.size", 131072);
    }

    @Test
    void shouldAdvertiseWhereItServesUnlessToldOrUnreachable() {
        assertThat(advertised("--bootstrap-servers", "k:9092")).isEqualTo("127.0.0.1:8083");
        assertThat(advertised("--bootstrap-servers", "k:9092", "--port", "9000")).isEqualTo("127.0.0.1:9000");
        assertThat(advertised("--bootstrap-servers", "k:9092", "--host", "0.0.0.0", "--advertised-address",
                "prop-1.example.org:8083")).isEqualTo("prop-1.example.org:8083");
        // a wildcard address or a free port is nothing another instance could reach
        assertThat(advertised("--bootstrap-servers", "k:9092", "--host", "0.0.0.0")).isNull();
        assertThat(advertised("--bootstrap-servers", "k:9092", "--port", "0")).isNull();
        assertThatThrownBy(() -> advertised("--bootstrap-servers", "k:9092", "--advertised-address", "http://x:1"))
                .isInstanceOf(CliException.class).hasMessageContaining("--advertised-address must be HOST:PORT");
    }

    private static String advertised(String... args) {
        PropagatorCommand command = new PropagatorCommand();
        new CommandLine(command).parseArgs(args);
        return command.config().kafkaOverrides().get("application.server");
    }

    @Test
    void shouldChooseTheDeliveryModeByOptionAndRefuseAnUnknownOneNamingTheChoices() {
        PropagatorCommand command = new PropagatorCommand();
        new CommandLine(command).parseArgs("--bootstrap-servers", "k:9092", "--delivery", "at-least-once");
        assertThat(command.config().delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(command.config().streamsSettings()).containsEntry("processing.guarantee", "at_least_once");

        StringWriter err = new StringWriter();
        CommandLine ripple = RippleCommand.commandLine();
        ripple.setErr(new PrintWriter(err));
        int exit = ripple.execute("propagator", "--bootstrap-servers", "127.0.0.1:9", "--delivery", "maybe");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("ripple: Invalid value maybe for configuration --delivery: must "
                + "be one of exactly-once, at-least-once");
    }

    @Test
    void shouldDeliverExactlyOnceUnlessTheEnvironmentSaysOtherwise() {
        PropagatorCommand command = new PropagatorCommand();
        new CommandLine(command).parseArgs("--bootstrap-servers", "k:9092");
        assertThat(command.config().delivery()).isEqualTo(System.getenv(PropagatorCommand.DELIVERY_ENV) == null
                ? Delivery.EXACTLY_ONCE : Delivery.of(System.getenv(PropagatorCommand.DELIVERY_ENV), "env"));
    }

    @Test
    void shouldRefuseAnUnknownCompressionNamingIt() {
        StringWriter err = new StringWriter();
        CommandLine ripple = RippleCommand.commandLine();
        ripple.setErr(new PrintWriter(err));

        int exit = ripple.execute("propagator", "--bootstrap-servers", "127.0.0.1:9", "--compression", "brotli");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("brotli").contains("compression").doesNotContain("Exception");
    }

    @Test
    void shouldBeListedInTheRippleHelp() {
        StringWriter out = new StringWriter();
        CommandLine ripple = RippleCommand.commandLine();
        ripple.setOut(new PrintWriter(out));
        ripple.execute("--help");
        assertThat(out.toString()).contains("propagator").contains("Run the propagator alone");
    }
}
