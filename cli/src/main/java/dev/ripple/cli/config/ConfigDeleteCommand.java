package dev.ripple.cli.config;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config delete KEY [--prefix]}. */
@Command(name = "delete", description = "Delete KEY, or with --prefix every key under it, in one transaction.")
final class ConfigDeleteCommand extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--prefix", description = "Treat KEY as a prefix.")
    boolean prefix;

    @Override
    int run(ConfigClient client, PrintWriter out) {
        if (prefix) {
            out.println("deleted " + client.deletePrefix(key) + " key(s) under " + key);
        } else if (client.delete(key)) {
            out.println("deleted " + key);
        } else {
            throw ConfigGetCommand.missing(client, key);
        }
        return 0;
    }
}
