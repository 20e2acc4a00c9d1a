package dev.ripple.cli;

import dev.ripple.testsupport.CommandRun;

/** Runs the {@code ripple} command line in this JVM with captured output, as a shell would. */
public final class Cli {
    private Cli() {}

    public static CommandRun ripple(String... args) {
        return CommandRun.of(RippleCommand.commandLine(), args);
    }
}
