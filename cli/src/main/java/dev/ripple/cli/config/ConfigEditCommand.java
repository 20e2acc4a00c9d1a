package dev.ripple.cli.config;

import dev.ripple.cli.CliException;
import dev.ripple.config.Entry;
import dev.ripple.config.InvalidDocumentException;
import dev.ripple.config.KeyVanishedException;
import dev.ripple.config.TxnConflictException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config edit KEY}: the value in $EDITOR, written back only if unchanged meanwhile. */
@Command(name = "edit", description = {"Open the document at KEY in $EDITOR (or --editor) and write it back when "
        + "the editor exits, after validating it, and only if nobody changed the key meanwhile. A rejected edit "
        + "is kept in a file for 'ripple config put KEY -f FILE'."})
final class ConfigEditCommand extends ConfigSubcommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--editor", paramLabel = "COMMAND", defaultValue = "${env:EDITOR}",
            description = "Editor command, run with the file as its last argument (default: $EDITOR).")
    String editor;

    @Override
    int run(ConfigClient client, PrintWriter out) throws IOException, InterruptedException {
        if (editor == null || editor.isBlank()) {
            throw new CliException("No editor: set EDITOR (e.g. EDITOR=vi) or pass --editor.");
        }
        Entry entry = client.get(key).orElseThrow(() -> new CliException("No key " + key + " to edit ("
                + client.describe() + "). Create it with 'ripple config put " + key + " -f FILE'."));
        String before = Pretty.json(entry.value()) + "\n";
        Path file = Files.createTempFile("ripple-config-", ".json");
        Files.writeString(file, before, StandardCharsets.UTF_8);
        int exit = new ProcessBuilder(List.of("sh", "-c", editor + " \"$1\"", "ripple-edit", file.toString()))
                .inheritIO().start().waitFor();
        if (exit != 0) {
            Files.deleteIfExists(file);
            throw new CliException("The editor exited with code " + exit + "; " + key + " was not changed.");
        }
        String after = Files.readString(file, StandardCharsets.UTF_8);
        if (after.equals(before)) {
            Files.deleteIfExists(file);
            out.println("no change to " + key);
            return 0;
        }
        try {
            long revision = client.put(key, after, entry.modRevision());
            Files.deleteIfExists(file);
            out.println("put " + key + " at revision " + revision);
            return 0;
        } catch (InvalidDocumentException e) {
            throw new CliException(message(e) + "\nYour edit is in " + file + "; fix it and run 'ripple config "
                    + "put " + key + " -f " + file + "'.", 1, e);
        } catch (TxnConflictException | KeyVanishedException e) {
            throw new CliException(key + " was changed by someone else while you edited it (it was at revision "
                    + entry.modRevision() + "); nothing was written. Your edit is in " + file + "; run 'ripple "
                    + "config edit " + key + "' again, or 'ripple config put " + key + " -f " + file + "'.", 1, e);
        }
    }
}
