package dev.ripple.bench;

import dev.ripple.cli.Main;
import dev.ripple.cli.RippleCommand;
import dev.ripple.runtime.CommonPool;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/ripple bench}: the {@code ripple} command with {@code bench} added. The production jar
 * ({@code cli/target/ripple.jar}) has no benchmark classes; this module's jar runs beside it.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        CommonPool.ensureParallel();
        System.exit(Main.run(commandLine(), args));
    }

    /** {@link RippleCommand#commandLine()} with the {@code bench} subcommand. */
    public static CommandLine commandLine() {
        return RippleCommand.commandLine().addSubcommand("bench", new BenchCommand());
    }
}
