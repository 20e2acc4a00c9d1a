package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.OpsClient;
import dev.ripple.cli.OpsConnection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple lag}: Ripple consumer groups with lag, time lag and status, once or refreshed in place. */
@Command(name = "lag", description = {"Show every Ripple consumer group's lag (records and time) and status.",
        "Statuses (Burrow's, and one of Kafka's): OK, WARN (falling behind), REBALANCING (partitions moving",
        "between members), STALL (owned, not moving), STOP (nobody consuming: no member left, e.g. killed),",
        "REWIND (offset went back), ERR (unreadable, or records deleted unread). STATE/MEMBERS is Kafka's."})
public final class LagCommand implements Callable<Integer> {
    @Option(names = "--group", paramLabel = "G", description = "Only this group, with its partitions.")
    String group;

    @Option(names = "--watch", description = "Refresh in place every --every seconds until Ctrl-C.")
    boolean watch;

    @Option(names = "--every", defaultValue = "2", description = "Seconds between refreshes (default: ${DEFAULT-VALUE}).")
    int every;

    @CommandLine.Mixin

    OpsConnection ops;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        OpsClient client = ops.client();
        do {
            JsonNode lag = client.get("/api/lag");
            List<String> groups = new ArrayList<>();
            lag.path("groups").forEach(g -> groups.add(g.path("group").asText()));
            if (group != null && !watch && !groups.contains(group)) {
                throw new CliException("No Ripple consumer group named '" + group + "'; there are " + groups + ".");
            }
            String screen = render(lag);
            out.print(watch ? "\033[H\033[2J" + screen : screen);
            out.flush();
            if (watch) {
                TimeUnit.SECONDS.sleep(Math.max(1, every));
            }
        } while (watch);
        return 0;
    }

    String render(JsonNode lag) {
        StringBuilder out = new StringBuilder("lag at " + lag.path("at").asText()
                + (lag.path("error").isTextual() ? "  (latest sample failed: " + lag.get("error").asText() + ")" : "")
                + "\n");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode g : lag.path("groups")) {
            if (group == null || group.equals(g.path("group").asText())) {
                rows.add(List.of(g.path("group").asText(), Text.of(g, "region"), g.path("status").asText(),
                        Long.toString(g.path("lag").asLong()), Text.ms(g.path("time_lag_ms").asLong()),
                        g.path("state").asText() + "/" + g.path("members").asInt(), g.path("reason").asText()));
            }
        }
        if (rows.isEmpty()) {
            return out.append(group == null ? "no Ripple consumer groups\n" : "no group " + group + "\n").toString();
        }
        out.append(Text.table(List.of("GROUP", "REGION", "STATUS", "LAG", "TIME LAG", "STATE/MEMBERS", "WHY"), rows));
        if (group != null) {
            List<List<String>> partitions = new ArrayList<>();
            for (JsonNode g : lag.path("groups")) {
                if (group.equals(g.path("group").asText())) {
                    for (JsonNode p : g.path("partitions")) {
                        partitions.add(List.of(p.path("topic").asText() + "-" + p.path("partition").asInt(),
                                p.path("status").asText(), Long.toString(p.path("committed").asLong()),
                                Long.toString(p.path("end").asLong()), Long.toString(p.path("lag").asLong()),
                                Text.ms(p.path("time_lag_ms").asLong()), Text.of(p, "owner"), p.path("reason").asText()));
                    }
                }
            }
            out.append('\n').append(Text.table(List.of("PARTITION", "STATUS", "COMMITTED", "END", "LAG", "TIME LAG",
                    "OWNER", "WHY"), partitions));
        }
        return out.toString();
    }
}
