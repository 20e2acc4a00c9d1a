package dev.ripple.ops;

import dev.ripple.ops.cli.RippleCommand;
import picocli.CommandLine;

/** Entry point of the {@code ripple} command (the shaded jar's main class). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(RippleCommand.commandLine().execute(args));
    }
}
