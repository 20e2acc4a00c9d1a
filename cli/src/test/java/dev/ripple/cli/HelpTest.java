package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.testsupport.CommandRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help} and {@code -h}, and lists each subcommand by a whole sentence. */
class HelpTest {

    @Test
    void shouldPrintHelpAndExitZeroForEveryCommandWithAOneSentenceHeader() {
        Map<List<String>, CommandLine> commands = new LinkedHashMap<>();
        collect(RippleCommand.commandLine(), List.of(), commands);
        assertThat(commands).hasSizeGreaterThan(20);

        commands.forEach((path, command) -> {
            String name = "ripple " + String.join(" ", path);
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CommandRun run = Cli.ripple(args.toArray(String[]::new));

                assertThat(run.exitCode()).as("%s %s: %s", name, flag, run.err()).isZero();
                assertThat(run.out()).as("%s %s", name, flag).contains("Usage: " + name.trim());
            }
            if (!path.isEmpty()) {
                String[] header = command.getCommandSpec().usageMessage().header();
                assertThat(header).as("header of %s", name).hasSize(1);
                assertThat(header[0]).as("header of %s", name).endsWith(".").doesNotContain(". ");
            }
        });
    }

    @Test
    void shouldPrintTheHelpOfANestedCommandThroughRippleHelp() {
        CommandRun replay = Cli.ripple("help", "dlq", "replay");
        CommandRun unknown = Cli.ripple("help", "dlq", "nope");

        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).contains("Usage: ripple dlq replay");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("'nope' is not a command of 'ripple dlq'", "replay");
    }

    @Test
    void shouldListEverySubcommandByAWholeSentence() {
        CommandRun run = Cli.ripple("--help");

        assertThat(run.out()).contains("routes every stream's edits to each region's replicate and",
                "purge topics.");
    }

    private static void collect(CommandLine command, List<String> path, Map<List<String>, CommandLine> commands) {
        commands.put(path, command);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, commands);
            }
        });
    }
}
