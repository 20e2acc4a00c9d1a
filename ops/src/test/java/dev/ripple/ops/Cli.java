package dev.ripple.ops;

import dev.ripple.ops.cli.RippleCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code ripple} command line in this JVM with captured output, as a shell would. */
public final class Cli {
    private Cli() {}

    /** What a run printed and returned. */
    public record Run(int exitCode, String out, String err) {}

    public static Run ripple(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RippleCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
