package dev.ripple.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ripple help [COMMAND…]}: the help of a command at any depth ({@code ripple help dlq replay}); picocli's own
 * help command reads only the first name.
 */
@Command(name = "help", helpCommand = true, header = "Print the help of a command, e.g. 'ripple help dlq replay'.")
final class NestedHelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, then its subcommands.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
            PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(self, "'" + name + "' is not a command of '"
                        + target.getCommandSpec().qualifiedName() + "'; its commands are "
                        + target.getSubcommands().keySet() + ".");
            }
            target = next;
        }
        target.usage(out, colors);
    }
}
