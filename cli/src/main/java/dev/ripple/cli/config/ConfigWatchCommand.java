package dev.ripple.cli.config;

import dev.ripple.config.ChangeEvent;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple config watch [PREFIX]}. */
@Command(name = "watch", description = {"Print every change under PREFIX (default /ripple/) as it happens, one "
        + "line each: REVISION PUT KEY VALUE, or REVISION DELETE KEY. Runs until Ctrl-C, or --count changes."})
final class ConfigWatchCommand extends ConfigSubcommand {
    @Parameters(index = "0", arity = "0..1", defaultValue = "/ripple/", paramLabel = "PREFIX")
    String prefix;

    @Option(names = "--from", paramLabel = "REVISION", defaultValue = "0",
            description = "Start at this revision (replaying history); default: changes from now on.")
    long from;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N changes.")
    int count;

    @Override
    int run(ConfigClient client, PrintWriter out) throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        client.watch(prefix, from, event -> {
            out.println(line(event));
            out.flush();
            return count <= 0 || seen.incrementAndGet() < count;
        });
        return 0;
    }

    static String line(ChangeEvent event) {
        return event.modRevision() + " " + event.type() + " " + event.key()
                + (event.value() == null ? "" : " " + event.value().replace('\n', ' '));
    }
}
