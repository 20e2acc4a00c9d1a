package dev.ripple.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import picocli.CommandLine;

/**
 * What one in-JVM run of a picocli command printed and returned, as a shell would see it.
 *
 * @param exitCode the command's exit code
 * @param out what it printed to standard output
 * @param err what it printed to standard error
 */
public record CommandRun(int exitCode, String out, String err) {
    public CommandRun {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** Executes {@code commandLine} with {@code args} in this JVM, capturing its output. */
    public static CommandRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
