package dev.ripple.bench;

import dev.ripple.testsupport.CommandRun;

/** Runs {@code ripple bench …} in this JVM and captures what it printed. */
final class BenchCli {
    private BenchCli() {}

    static CommandRun ripple(String... args) {
        return CommandRun.of(BenchMain.commandLine(), args);
    }
}
