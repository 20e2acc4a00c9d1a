package dev.ripple.cli.tools;

import dev.ripple.cli.CliException;
import dev.ripple.cli.OutputFormat;
import dev.ripple.cli.Printable;
import dev.ripple.cli.RegionName;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.EventJson;
import dev.ripple.events.TopicNames;
import dev.ripple.prober.Inconsistency;
import dev.ripple.prober.InconsistencyLog;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple probe inconsistencies}: the writes the prober found not served in time, with where they stalled. */
@Command(name = "inconsistencies", description = {"List the sampled writes a replica or cache had not served at a",
        "recorded delay, with the hop where each stalled (propagator, applier, read-api, purger, cache-fill,",
        "cache-read), from ripple.probe-inconsistencies. Exit 3 if one is still unresolved."})
public final class ProbeInconsistenciesCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka (default: the running 'ripple up').")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic name prefix (default: "
            + "${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--region", converter = RegionName.class, description = "Only this region's.")
    String region;

    @Option(names = "--hop", description = "Only those that stalled at this hop.")
    String hop;

    @Option(names = "--unresolved", description = "Only those not served yet at the last look.")
    boolean unresolved;

    @Option(names = "--limit", defaultValue = "50", description = "The latest this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Mixin
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException("Invalid value " + limit + " for option '--limit': must be at least 1.");
        }
        String bootstrap = bootstrapServers != null ? bootstrapServers : UpFile.locate().running()
                .map(UpEndpoints::kafka).orElseThrow(() -> new CliException("No Kafka to read inconsistencies from: "
                        + "start 'ripple up' here, or pass --bootstrap-servers HOST:9092."));
        List<Inconsistency> all = InconsistencyLog.read(KafkaSettings.of(bootstrap, Map.of(), "ripple-probe"),
                new TopicNames(topicPrefix), Duration.ofSeconds(30)).stream()
                .filter(i -> region == null || i.region().equals(region))
                .filter(i -> hop == null || i.hop().equals(hop))
                .filter(i -> !unresolved || i.resolvedWithinSeconds() == null).toList();
        List<Inconsistency> shown = all.subList(Math.max(0, all.size() - limit), all.size());
        int exit = shown.stream().anyMatch(i -> i.resolvedWithinSeconds() == null) ? 3 : 0;
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            OutputFormat.printPretty(out, EventJson.mapper().createObjectNode().set("inconsistencies",
                    EventJson.mapper().valueToTree(shown)));
            return exit;
        }
        if (shown.isEmpty()) {
            out.println("No inconsistency recorded" + (region == null ? "" : " in " + region) + ".");
            out.flush();
            return 0;
        }
        List<List<String>> rows = shown.stream().map(i -> List.of(i.writtenAt() == null ? "-"
                : i.writtenAt().toString(), i.region(), i.target(), i.hop(),
                i.dot() + (i.revision() == null ? "" : " r" + i.revision()), i.withinSeconds() + " s",
                i.resolvedWithinSeconds() == null ? "not yet" : i.resolvedWithinSeconds() + " s",
                Printable.of(i.key()) + ": " + Printable.of(i.observed()))).toList();
        out.print(Text.table(List.of("WRITTEN", "REGION", "TARGET", "HOP", "WRITE", "STALE AT", "SERVED AT",
                "KEY: SEEN"), rows));
        if (all.size() > shown.size()) {
            out.println("(" + (all.size() - shown.size()) + " older not shown; --limit N shows more)");
        }
        out.flush();
        return exit;
    }
}
