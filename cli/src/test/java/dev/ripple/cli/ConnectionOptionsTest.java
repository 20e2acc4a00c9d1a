package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The commands that run a Ripple part share one set of Kafka and etcd options (auth and TLS included). */
class ConnectionOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"propagator", "purger", "producer", "ops", "conits track"})
    void shouldOfferTheSameKafkaAndEtcdOptionsAndNoUnusedOnes(String command) {
        // when an operator asks for a part's help
        String help = help(command.split(" "));

        // then it names Kafka and every etcd connection option, with their environment variables
        assertThat(help).contains("--bootstrap-servers", "RIPPLE_KAFKA", "--etcd", "RIPPLE_ETCD", "--user",
                "--password", "--cacert", "--cert", "--key", "--namespace");
        // and not the config commands' --up, which a part does not use
        assertThat(help).doesNotContain("--up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"purger", "conits track"})
    void shouldTellHowToNameTheConfigStoreWhenEtcdIsMissing(String command) {
        // given no etcd endpoint (an empty --etcd wins over any RIPPLE_ETCD of this environment)
        StringWriter err = new StringWriter();
        CommandLine ripple = RippleCommand.commandLine();
        ripple.setErr(new PrintWriter(err));

        // when a part that needs etcd starts without it
        int exit = command.equals("purger")
                ? ripple.execute("purger", "--region", "eqiad", "--bootstrap-servers", "127.0.0.1:9", "--etcd", "")
                : ripple.execute("conits", "track", "--bootstrap-servers", "127.0.0.1:9", "--etcd", "");

        // then it refuses with the fix, not a stack trace
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("pass --etcd http://HOST:2379 (or set RIPPLE_ETCD)")
                .doesNotContain("Exception");
    }

    private static String help(String... command) {
        CommandLine part = RippleCommand.commandLine();
        for (String name : command) {
            part = part.getSubcommands().get(name);
        }
        return part.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }
}
