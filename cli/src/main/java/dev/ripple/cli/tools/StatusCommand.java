package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.OpsClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple status}: one screen of components, regions, lag, DLQs and conits. */
@Command(name = "status", description = "One screen: components, regions (replication and purge lag), consumer "
        + "groups, dead-letter queues and conits.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--url", description = "A 'ripple ops' or 'ripple up' base URL (default: the running 'ripple up').")
    String url;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OpsClient client = OpsClient.connect(url);
        client.get("/healthz");
        JsonNode d = client.get("/api/dashboard");
        out.printf("ripple at %s: healthy; lag sampled %s%s%n", client.base(), d.path("at").asText(),
                d.path("lag_error").isTextual() ? " (latest sample failed: " + d.get("lag_error").asText() + ")" : "");
        out.printf("intake: %s published, %s refused; rule set %s%n", count(d.path("intake"), "published_total"),
                count(d.path("intake"), "refused_total"), Text.of(d, "rule_set_version"));

        List<List<String>> regions = new ArrayList<>();
        for (JsonNode r : d.path("regions")) {
            regions.add(List.of(r.path("name").asText(), lag(r.path("replication")), lag(r.path("purge")),
                    latency(r.path("applied_latency"))));
        }
        out.print("\n" + Text.table(List.of("REGION", "REPLICATION LAG", "PURGE LAG", "APPLIED E2E"), regions));

        List<List<String>> groups = new ArrayList<>();
        for (JsonNode g : d.path("groups")) {
            groups.add(List.of(g.path("group").asText(), g.path("status").asText(), Long.toString(g.path("lag")
                    .asLong()), Text.ms(g.path("time_lag_ms").asLong()), g.path("reason").asText()));
        }
        out.print("\n" + (groups.isEmpty() ? "no Ripple consumer groups yet\n"
                : Text.table(List.of("GROUP", "STATUS", "LAG", "TIME LAG", "WHY"), groups)));

        List<String> queues = new ArrayList<>();
        d.path("dlq").forEach(q -> queues.add(q.path("consumer").asText() + " " + q.path("depth").asLong()));
        out.println("\ndead-letter queues: " + (queues.isEmpty() ? "none" : String.join(", ", queues)));
        JsonNode conits = d.path("conits");
        List<String> names = new ArrayList<>();
        conits.path("conits").forEach(c -> names.add(c.path("name").asText()));
        out.println("conits: " + (names.isEmpty() ? "none configured" : String.join(", ", names))
                + (conits.path("tracking").asBoolean() ? "" : " (status: no data yet, conit tracking is not running)"));
        out.flush();
        return 0;
    }

    private static String lag(JsonNode group) {
        return group.isNull() || group.isMissingNode() ? "no data yet" : group.path("status").asText() + " "
                + Text.ms(group.path("time_lag_ms").asLong()) + " / " + group.path("lag").asLong() + " rec";
    }

    private static String latency(JsonNode l) {
        return l.isNull() || l.isMissingNode() ? "no data yet" : "p50 " + Text.ms(l.path("p50_ms").asLong()) + ", p99 "
                + Text.ms(l.path("p99_ms").asLong());
    }

    private static String count(JsonNode node, String field) {
        return node.path(field).isNumber() ? Long.toString(node.get(field).asLong()) : "no data yet";
    }
}
