package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.testsupport.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --kafka-config} and {@code --kafka-property}: client properties for every Kafka client of a part. */
class KafkaConnectionTest {

    @Test
    void shouldReadTheFileThenLetEachPropertyOverrideIt(@TempDir Path dir) throws Exception {
        // given a properties file with TLS settings, and a property that changes one of them
        Path file = Files.writeString(dir.resolve("kafka.properties"), """
                security.protocol=SSL
                ssl.truststore.location=/etc/ripple/truststore.jks
                """);

        // when the options are parsed
        KafkaSettings settings = parse("--bootstrap-servers", "k1:9093", "--kafka-config", file.toString(),
                "--kafka-property", "security.protocol=SASL_SSL", "--kafka-property", "sasl.jaas.config=a=b c=d")
                .settings();

        // then every property is there, the command line's over the file's, values taken whole after the first '='
        assertThat(settings.bootstrapServers()).isEqualTo("k1:9093");
        assertThat(settings.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/ripple/truststore.jks")
                .containsEntry("sasl.jaas.config", "a=b c=d");
    }

    @Test
    void shouldTakeTheServersFromTheFileOrTheFallbackWhenNoneAreGiven(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kafka.properties"), "bootstrap.servers=k2:9092\n");

        assertThat(parse("--kafka-config", file.toString()).settings().bootstrapServers()).isEqualTo("k2:9092");
        assertThat(parse("--bootstrap-servers", "").settings(Optional.of("127.0.0.1:9092")).bootstrapServers())
                .isEqualTo("127.0.0.1:9092");
        assertThatThrownBy(() -> parse("--bootstrap-servers", "").settings()).isInstanceOf(CliException.class)
                .hasMessageContaining("pass --bootstrap-servers");
    }

    @Test
    void shouldRefuseAMalformedPropertyNamingItBeforeStartingAnything() {
        CommandRun run = Cli.ripple("purger", "--region", "eqiad", "--bootstrap-servers", "127.0.0.1:9",
                "--kafka-property", "security.protocol", "--etcd", "http://127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().trim()).isEqualTo("ripple: Invalid value 'security.protocol' for option "
                + "'--kafka-property': must be KEY=VALUE, e.g. security.protocol=SASL_SSL.");
    }

    @Test
    void shouldRefuseAnUnreadableConfigFileNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");

        CommandRun run = Cli.ripple("conits", "track", "--bootstrap-servers", "127.0.0.1:9", "--kafka-config",
                missing.toString(), "--etcd", "http://127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot read --kafka-config " + missing, "NoSuchFileException")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldOfferTheKafkaOptionsOnEveryLongRunningCommandAndRippleKafkaOnTheReplica() {
        for (String command : new String[] {"producer", "propagator", "replica", "purger", "ops", "conits track"}) {
            CommandLine part = RippleCommand.commandLine();
            for (String name : command.split(" ")) {
                part = part.getSubcommands().get(name);
            }
            assertThat(part.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(command).contains("--bootstrap-servers",
                    "RIPPLE_KAFKA", "--kafka-config", "--kafka-property", "--host", "--port");
        }
    }

    private static KafkaConnection parse(String... args) {
        KafkaConnection kafka = new KafkaConnection();
        new CommandLine(kafka).parseArgs(args);
        return kafka;
    }
}
