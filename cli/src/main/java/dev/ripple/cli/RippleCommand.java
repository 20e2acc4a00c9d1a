package dev.ripple.cli;

import dev.ripple.cli.config.ConfigCommand;
import dev.ripple.cli.parts.OpsCommand;
import dev.ripple.cli.parts.ProbeCommand;
import dev.ripple.cli.parts.ProducerCommand;
import dev.ripple.cli.parts.PropagatorCommand;
import dev.ripple.cli.parts.PurgerCommand;
import dev.ripple.cli.parts.ReplicaCommand;
import dev.ripple.cli.tools.ConitsCommand;
import dev.ripple.cli.tools.DepsCommand;
import dev.ripple.cli.tools.DlqCommand;
import dev.ripple.cli.tools.LagCommand;
import dev.ripple.cli.tools.PublishCommand;
import dev.ripple.cli.tools.ReadCommand;
import dev.ripple.cli.tools.ReplayCommand;
import dev.ripple.cli.tools.StatusCommand;
import dev.ripple.cli.tools.TopicsCommand;
import dev.ripple.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code ripple} command; every operator command is a subcommand of it. */
@Command(name = "ripple",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = RippleVersion.class,
        description = "Event-driven replication and change propagation over Kafka.",
        subcommands = {UpCommand.class, ConfigCommand.class, PublishCommand.class, ProducerCommand.class,
                PropagatorCommand.class, ReplicaCommand.class, ReadCommand.class, PurgerCommand.class,
                ConitsCommand.class, OpsCommand.class, ProbeCommand.class, LagCommand.class, StatusCommand.class,
                DlqCommand.class, ReplayCommand.class, DepsCommand.class, TopicsCommand.class, NestedHelpCommand.class})
public final class RippleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * A command line with Ripple's error handling: a short message and the fix, no stack trace. Every command
     * takes {@code -h/--help} (inherited from this one), and lists its subcommands by the first sentence of each
     * one's description.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RippleCommand());
        commandLine.setExecutionExceptionHandler(new CliErrors());
        headers(commandLine);
        return commandLine;
    }

    /**
     * Gives every subcommand without a header the first sentence of its description as one (what command lists
     * show), leaving the rest as its description.
     */
    static void headers(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            if (usage.header().length == 0 && usage.description().length > 0) {
                String text = String.join(" ", usage.description()).trim();
                int end = text.indexOf(". ");
                usage.header(end < 0 ? text : text.substring(0, end + 1));
                usage.description(end < 0 ? new String[0] : new String[] {text.substring(end + 2)});
            }
            headers(sub);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
