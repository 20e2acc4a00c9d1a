package dev.ripple.cli.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.OpsClient;
import dev.ripple.cli.OutputFormat;
import dev.ripple.cli.wiring.ProberPart;
import dev.ripple.events.EventJson;
import dev.ripple.prober.ProbeReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple probe report}: nines per region, target and delay, from a running prober. */
@Command(name = "report", description = {"Print the prober's nines per region, target and delay: how many of the",
        "sampled writes each replica and cache served within each delay, over the prober's window.",
        "Exit 3 if a row is below --slo."})
public final class ProbeReportCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:RIPPLE_PROBE_URL}", description = "A 'ripple "
            + "probe' or 'ripple up' base URL (env RIPPLE_PROBE_URL; default: the running 'ripple up').")
    String url;

    @Option(names = "--slo", paramLabel = "NINES", description = "Exit 3 when any row with judged writes has fewer "
            + "nines than this within --slo-within (e.g. 4).")
    Double slo;

    @Option(names = "--slo-within", paramLabel = "SECONDS", defaultValue = "1", description = "The delay --slo is "
            + "about (default: ${DEFAULT-VALUE}).")
    double sloWithin;

    @CommandLine.Mixin
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OpsClient client = OpsClient.connect(url);
        JsonNode body = client.get(ProberPart.REPORT_PATH);
        ProbeReport report;
        try {
            report = EventJson.mapper().treeToValue(body, ProbeReport.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliException(client.base() + ProberPart.REPORT_PATH + " did not answer a prober report: is a "
                    + "prober running there ('ripple probe', or 'ripple up')?");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean missed = slo != null && report.rows().stream().anyMatch(r -> r.withinSeconds() == sloWithin
                && r.nines() != null && !r.ninesAtLeast() && r.nines() < slo);
        if (output.json()) {
            OutputFormat.printPretty(out, EventJson.mapper().valueToTree(report));
            return missed ? 3 : 0;
        }
        out.printf("Sampling %s of keys; %d writes sampled, %d checks pending; window %s s%s%n",
                percent(report.sampleRatio()), report.samples(), report.pending(), report.windowSeconds(),
                report.skipped().values().stream().mapToLong(Long::longValue).sum() == 0 ? ""
                        : "; left out: " + report.skipped());
        out.print(Text.table(List.of("REGION", "TARGET", "WITHIN", "JUDGED", "SERVED", "RATIO", "NINES"),
                report.rows().stream().map(row -> List.of(row.region(), row.target(),
                        trim(row.withinSeconds()) + " s", Long.toString(row.recentJudged()),
                        Long.toString(row.recentConsistent()), row.ratio() == null ? "-"
                                : String.format(Locale.ROOT, "%.6f", row.ratio()), nines(row))).toList()));
        if (report.rows().isEmpty()) {
            out.println("No target to judge: does the config have regions and rules, and was the prober given "
                    + "--read-api?");
        }
        out.flush();
        return missed ? 3 : 0;
    }

    private static String nines(ProbeReport.Row row) {
        if (row.nines() == null) {
            return "- (none judged yet)";
        }
        String n = String.format(Locale.ROOT, "%.2f", row.nines());
        return row.ninesAtLeast() ? ">= " + n + " (all " + row.recentJudged() + " served)" : n;
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static String percent(double ratio) {
        return trim(ratio * 100) + "%";
    }
}
