package dev.ripple.cli.config;

import dev.ripple.config.ProducerTokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ripple config token PRODUCER}: prints a new producer token; stores nothing. */
@Command(name = "token", description = {"Print a new random bearer token for producer PRODUCER, of the form "
        + "PRODUCER.<secret> (the intake finds the producer by the part before the last dot). Nothing is stored: put "
        + "it with 'ripple config put /ripple/producers/PRODUCER '{token: …, streams: […]}'' and give it to the "
        + "producer."})
final class ConfigTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PRODUCER", description = "The producer's id.")
    String producer;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(ProducerTokens.generate(producer));
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
