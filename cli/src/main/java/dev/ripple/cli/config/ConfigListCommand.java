package dev.ripple.cli.config;

import dev.ripple.config.Entry;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config list [PREFIX]}. */
@Command(name = "list", description = "List the keys under PREFIX (default /ripple/), sorted.")
final class ConfigListCommand extends ConfigSubcommand {
    @Parameters(index = "0", arity = "0..1", defaultValue = "/ripple/", paramLabel = "PREFIX")
    String prefix;

    @Option(names = {"-v", "--values"}, description = "Print each value (compact JSON) after its key.")
    boolean values;

    @Override
    int run(ConfigClient client, PrintWriter out) {
        for (Entry entry : client.list(prefix).entries()) {
            out.println(values ? entry.key() + " " + entry.value() : entry.key());
        }
        return 0;
    }
}
