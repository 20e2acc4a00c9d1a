package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.OpsClient;
import dev.ripple.cli.OpsConnection;
import dev.ripple.cli.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ripple lag}: Ripple consumer groups with lag, time lag and status, once or refreshed in place. With
 * {@code -o json}, the ops API's {@code /api/lag} document (only the {@code --group} asked for, if one is), pretty;
 * with {@code --watch} too, one such document per refresh, each on one line (NDJSON), never a screen clear
 * ({@code --count} stops after so many).
 * {@code --every} below the monitor's sampling interval is refused: a refresh sooner would show the same sample.
 */
@Command(name = "lag", description = {"Show every Ripple consumer group's lag (records and time) and status.",
        "Statuses (Burrow's, and one of Kafka's): OK, WARN (falling behind), REBALANCING (partitions moving",
        "between members), STALL (owned, not moving), STOP (nobody consuming: no member left, e.g. killed),",
        "REWIND (offset went back), ERR (unreadable, or records deleted unread). STATE/MEMBERS is Kafka's."})
public final class LagCommand implements Callable<Integer> {
    @Option(names = "--group", paramLabel = "G", description = "Only this group, with its partitions.")
    String group;

    @Option(names = "--watch", description = "Refresh in place every --every seconds until Ctrl-C; "
            + "with -o json, one JSON document per line (NDJSON) instead.")
    boolean watch;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "With --watch, stop after N "
            + "refreshes (default: until Ctrl-C).")
    int count;

    @Option(names = "--every", defaultValue = "2", description = "Seconds between refreshes (default: "
            + "${DEFAULT-VALUE}); not below the ops server's lag sampling interval.")
    int every;

    @CommandLine.Mixin
    OpsConnection ops;

    @CommandLine.Mixin
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (every < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--every " + every + ": refreshes are at "
                    + "least 1 second apart; pass --every 1 or more.");
        }
        if (count < 0 || count > 0 && !watch) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count " + count + ": a number of "
                    + "refreshes, 1 or more, and only with --watch.");
        }
        PrintWriter out = spec.commandLine().getOut();
        OpsClient client = ops.client();
        boolean first = true;
        int shown = 0;
        do {
            JsonNode lag = client.get("/api/lag");
            if (first && watch) {
                checkEvery(lag.path("interval_ms").asLong(0));
                first = false;
            }
            List<String> groups = new ArrayList<>();
            lag.path("groups").forEach(g -> groups.add(g.path("group").asText()));
            if (group != null && !watch && !groups.contains(group)) {
                throw new CliException("No Ripple consumer group named '" + group + "'; there are " + groups + ".");
            }
            if (output.json() && watch) {
                OutputFormat.printLine(out, only(lag));
            } else if (output.json()) {
                OutputFormat.printPretty(out, only(lag));
            } else {
                String screen = render(lag);
                out.print(watch ? "\033[H\033[2J" + screen : screen);
                out.flush();
            }
            shown++;
            if (watch && shown != count) {
                TimeUnit.SECONDS.sleep(every);
            }
        } while (watch && shown != count);
        return 0;
    }

    /**
     * Refuses {@code --every} below the server's sampling interval ({@code interval_ms} of {@code /api/lag}; a
     * server that does not say is not checked): it would redraw the same sample, as if lag stood still.
     */
    void checkEvery(long intervalMs) {
        if (intervalMs > 0 && every * 1000L < intervalMs) {
            long seconds = (intervalMs + 999) / 1000;
            throw new CliException("--every " + every + " is below the lag sampling interval of the ops server ("
                    + Text.ms(intervalMs) + "): refreshing sooner shows the same sample. Pass --every " + seconds
                    + " or more (the interval is 'ripple ops --interval'; 'ripple up' samples every 2 s).", 2, null);
        }
    }

    /** The document with only {@link #group}'s entry in {@code groups}, when one is asked for. */
    JsonNode only(JsonNode lag) {
        if (group == null || !lag.isObject()) {
            return lag;
        }
        ObjectNode copy = lag.deepCopy();
        copy.putArray("groups").addAll(StreamSupport.stream(lag.path("groups").spliterator(), false)
                .filter(g -> group.equals(g.path("group").asText())).toList());
        return copy;
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
