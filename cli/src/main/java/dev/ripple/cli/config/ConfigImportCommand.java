package dev.ripple.cli.config;

import dev.ripple.config.ConfigImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config import FILE [--sync]}. */
@Command(name = "import", description = {"Import a config file (YAML or JSON; sections epoch, regions, streams, "
        + "rules, conits, purge_targets, producers) in one transaction, after validating all of it. Unchanged "
        + "documents are left alone."})
final class ConfigImportCommand extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--sync", description = "Also delete the documents the file lacks (never the epoch).")
    boolean sync;

    @Override
    int run(ConfigClient client, PrintWriter out) {
        ConfigImport.Result result = client.importFile(ConfigPutCommand.read(file), sync);
        result.created().forEach(key -> out.println("+ " + key));
        result.updated().forEach(key -> out.println("~ " + key));
        result.deleted().forEach(key -> out.println("- " + key));
        out.printf("imported %s into %s at revision %d: %d created, %d updated, %d unchanged, %d deleted%n", file,
                client.describe(), result.revision(), result.created().size(), result.updated().size(),
                result.unchanged().size(), result.deleted().size());
        return 0;
    }
}
