package dev.ripple.cli.config;

import dev.ripple.cli.CliException;
import dev.ripple.config.ConfigWrites;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config put KEY VALUE|-f FILE}. */
@Command(name = "put", description = {"Write a document (YAML or JSON) at KEY after validating it; names of "
        + "streams and regions it refers to must exist. A producer's 'token' is stored only as a salted hash."})
final class ConfigPutCommand extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The document; or use -f.")
    String value;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the document from FILE.")
    Path file;

    @Override
    int run(ConfigClient client, PrintWriter out) {
        if ((value == null) == (file == null)) {
            throw new CliException("Give the document either as VALUE or with -f FILE (one of them): "
                    + "ripple config put " + key + " '{name: …}'");
        }
        String text = value != null ? value : read(file);
        long revision = client.put(key, text, ConfigWrites.ANY_REVISION);
        out.println("put " + key + " at revision " + revision);
        return 0;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
