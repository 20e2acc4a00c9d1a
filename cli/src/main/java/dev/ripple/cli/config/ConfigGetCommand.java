package dev.ripple.cli.config;

import dev.ripple.cli.CliException;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.Entry;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config get KEY}. */
@Command(name = "get", description = "Print the value at KEY, as indented JSON.")
final class ConfigGetCommand extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--raw", description = "Print the value exactly as stored.")
    boolean raw;

    @Option(names = "--revision", description = "Print the key's mod revision first, on a line of its own.")
    boolean revision;

    @Override
    int run(ConfigClient client, PrintWriter out) {
        Entry entry = client.get(key).orElseThrow(() -> missing(client, key));
        if (revision) {
            out.println(entry.modRevision());
        }
        out.println(raw ? entry.value() : Pretty.json(entry.value()));
        return 0;
    }

    static CliException missing(ConfigClient client, String key) {
        String parent = key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : ConfigKeys.ROOT;
        return new CliException("No key " + key + " in the config store (" + client.describe() + "). See what "
                + "exists with 'ripple config list " + parent + "'.");
    }
}
