package dev.ripple.cli.config;

import dev.ripple.cli.CliException;
import dev.ripple.config.ConfigException;
import dev.ripple.config.InvalidDocumentException;
import dev.ripple.config.Problem;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The frame of every {@code ripple config} subcommand: connects to the target, runs, and turns the config
 * module's exceptions into operator messages (no stack trace) with exit code 1.
 */
abstract class ConfigSubcommand implements Callable<Integer> {
    @CommandLine.Mixin
    TargetOptions target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigClient client = target.connect()) {
            return run(client, out);
        } catch (ConfigException e) {
            throw new CliException(message(e), 1, e);
        } finally {
            out.flush();
        }
    }

    /** Runs against {@code client}, printing to {@code out}; returns the exit code. */
    abstract int run(ConfigClient client, PrintWriter out) throws Exception;

    static String message(ConfigException e) {
        if (e instanceof InvalidDocumentException invalid) {
            StringBuilder text = new StringBuilder("invalid document");
            text.append(invalid.key() == null ? "" : " for " + invalid.key()).append("; nothing was written:");
            for (Problem problem : invalid.problems()) {
                text.append("\n  ").append(problem);
            }
            return text.toString();
        }
        return e.getMessage();
    }
}
