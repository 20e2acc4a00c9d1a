package dev.ripple.cli;

import dev.ripple.embedded.EmbeddedException;
import picocli.CommandLine;

/**
 * Turns exceptions from commands into one-line messages. Errors the operator can act on ({@link CliException},
 * a service that would not start) print their message only; anything else prints its stack trace too, because
 * it is a bug.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        var err = commandLine.getErr();
        if (e instanceof CliException cli) {
            err.println("ripple: " + cli.getMessage());
            return cli.exitCode();
        }
        if (e instanceof EmbeddedException embedded) {
            err.println("ripple: " + embedded.getMessage());
            return 1;
        }
        err.println("ripple: unexpected error, please report it with the trace below");
        e.printStackTrace(err);
        return 70;
    }
}
