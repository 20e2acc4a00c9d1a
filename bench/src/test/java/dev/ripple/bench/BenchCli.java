package dev.ripple.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code ripple bench …} in this JVM and captures what it printed. */
final class BenchCli {
    private BenchCli() {}

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run ripple(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BenchMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
