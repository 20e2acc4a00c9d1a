package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.CommandRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code -o json|table}: one option, the same on every read command. */
class OutputFormatTest {
    private static final String[] READ_COMMANDS = {"status", "lag", "conits", "dlq list", "deps"};

    @ParameterizedTest
    @ValueSource(strings = {"status", "lag", "conits", "dlq list", "deps"})
    void shouldPrintTablesUnlessAskedForJson(String command) {
        assertThat(format(command)).isEqualTo(OutputFormat.Format.table);
        assertThat(format(command, "-o", "json")).isEqualTo(OutputFormat.Format.json);
        assertThat(format(command, "--output", "json")).isEqualTo(OutputFormat.Format.json);
        assertThat(format(command, "--output=table")).isEqualTo(OutputFormat.Format.table);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "lag", "conits", "dlq list", "deps"})
    void shouldRefuseAnUnknownFormatListingTheValidOnes(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        if (command.equals("dlq list")) {
            args.add("intake");
        }
        args.addAll(List.of("-o", "yaml"));

        // no server is asked: picocli refuses the value before the command runs
        CommandRun run = Cli.ripple(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--output'", "[table, json]", "'yaml'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldNameBothFormatsInTheHelpOfEveryReadCommand() {
        for (String command : READ_COMMANDS) {
            CommandLine sub = RippleCommand.commandLine();
            for (String name : command.split(" ")) {
                sub = sub.getSubcommands().get(name);
            }

            assertThat(sub.getUsageMessage()).as(command).contains("-o, --output=FORMAT", "table, json");
        }
    }

    @Test
    void shouldPrintOneIndentedDocumentOrOneLinePerDocument() throws Exception {
        JsonNode doc = EventJson.mapper().readTree("{\"groups\": [{\"group\": \"g\", \"lag\": 2}]}");
        StringWriter pretty = new StringWriter();
        StringWriter lines = new StringWriter();

        OutputFormat.printPretty(new PrintWriter(pretty), doc);
        OutputFormat.printLine(new PrintWriter(lines), doc);
        OutputFormat.printLine(new PrintWriter(lines), doc);

        assertThat(EventJson.mapper().readTree(pretty.toString())).isEqualTo(doc);
        assertThat(pretty.toString()).contains("\n  \"groups\"");
        assertThat(lines.toString().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(EventJson.mapper().readTree(line)).isEqualTo(doc));
    }

    private static OutputFormat.Format format(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        if (command.equals("dlq list")) {
            args.add("intake");
        }
        args.addAll(List.of(options));
        CommandLine.ParseResult parsed = RippleCommand.commandLine().parseArgs(args.toArray(String[]::new));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().findOption("--output").getValue();
    }
}
