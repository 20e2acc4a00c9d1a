package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.OpsClient;
import dev.ripple.cli.OpsConnection;
import dev.ripple.cli.OutputFormat;
import dev.ripple.events.EventJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ripple status}: one screen of components, regions, lag, DLQs and conits. With {@code -o json}, the ops
 * API's {@code /api/dashboard} document as it is, plus {@code "derived_lanes"} (each group's lag on each
 * derived lane, {@code ripple.derived}) and {@code "parts"} (url, ready, components, and a propagator's
 * {@code fanout_backlog}) for each {@code --part}; with parts and no ops server, only {@code "parts"} and
 * {@code "ops_error"}.
 */
@Command(name = "status", description = {"One screen: components, regions (replication and purge lag), consumer "
        + "groups, derived lanes, dead-letter queues and conits.", "With --part (or RIPPLE_PART_URLS), each part's own "
        + "/readyz too, and a propagator's fan-out backlog; "
        + "exits 1 when the ops server's view or a part is not healthy."})
public final class StatusCommand implements Callable<Integer> {
    @CommandLine.Mixin
    OpsConnection ops;

    @CommandLine.Mixin
    OutputFormat output;

    @Option(names = "--part", paramLabel = "URL", split = ",", defaultValue = "${env:RIPPLE_PART_URLS}",
            description = {"A part's base URL (http://HOST:PORT of a 'ripple producer', 'replica', …); repeatable or",
                    "comma-separated (env RIPPLE_PART_URLS). Each one's /readyz is shown."})
    List<String> parts = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean partsReady = true;
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> backlogs = new ArrayList<>();
        ArrayNode partsJson = EventJson.mapper().createArrayNode();
        for (String part : parts) {
            PartReadiness.Answer answer = PartReadiness.ask(part);
            partsReady &= answer.ready();
            rows.add(List.of(part, answer.ready() ? "ready" : "NOT READY", answer.components()));
            ObjectNode partJson = partsJson.addObject().put("url", part).put("ready", answer.ready())
                    .put("components", answer.components());
            PartReadiness.fanoutBacklog(part).ifPresent(b -> {
                partJson.set("fanout_backlog", b);
                backlogs.add(List.of(part, Long.toString(b.path("dependents").asLong()),
                        Long.toString(b.path("fanouts").asLong()),
                        Text.ms(Math.round(b.path("drain_seconds").asDouble() * 1000)),
                        Math.round(b.path("rate_per_s").asDouble()) + "/s",
                        Text.ms(b.path("lane_lag_ms").asLong()), Long.toString(b.path("pending").asLong())));
            });
        }
        if (!parts.isEmpty() && !output.json()) {
            out.print(Text.table(List.of("PART", "READY", "COMPONENTS"), rows) + "\n");
            if (!backlogs.isEmpty()) {
                out.print(Text.table(List.of("PROPAGATOR", "FAN-OUT BACKLOG", "FAN-OUTS", "DRAIN", "PACED TO",
                        "LANE LAG", "COALESCING"),
                        backlogs) + "\n");
            }
        }
        OpsClient client;
        try {
            client = ops.client();
        } catch (CliException e) {
            if (parts.isEmpty()) {
                throw e;
            }
            if (output.json()) {
                ObjectNode doc = EventJson.mapper().createObjectNode();
                doc.set("parts", partsJson);
                doc.put("ops_error", e.getMessage());
                OutputFormat.printPretty(out, doc);
            } else {
                out.println("(no ops server: " + e.getMessage() + ")");
                out.flush();
            }
            return partsReady ? 0 : 1;
        }
        client.get("/healthz");
        JsonNode d = client.get("/api/dashboard");
        ArrayNode lanes = derivedLanes(client.get("/api/lag"));
        if (output.json()) {
            // the ops API's own document, with each --part's readiness beside it
            ObjectNode doc = d.deepCopy();
            doc.set("derived_lanes", lanes);
            if (!parts.isEmpty()) {
                doc.set("parts", partsJson);
            }
            OutputFormat.printPretty(out, doc);
            return partsReady && problems(d).isEmpty() ? 0 : 1;
        }
        List<String> problems = problems(d);
        out.printf("ripple at %s: %s; lag sampled %s%s%n", client.base(), problems.isEmpty() ? "healthy"
                : "NOT HEALTHY (" + String.join("; ", problems) + ")", d.path("at").asText(),
                d.path("lag_error").isTextual() ? " (latest sample failed: " + d.get("lag_error").asText() + ")" : "");
        out.printf("intake: %s published, %s refused; rule set %s%n", count(d.path("intake"), "published_total"),
                count(d.path("intake"), "refused_total"), Text.of(d, "rule_set_version"));

        List<List<String>> regions = new ArrayList<>();
        for (JsonNode r : d.path("regions")) {
            regions.add(List.of(r.path("name").asText(), lag(r.path("replication")), lag(r.path("purge")),
                    latency(r.path("applied_latency"), d.path("window").path("name").asText("the window"))));
        }
        out.print("\n" + Text.table(List.of("REGION", "REPLICATION LAG", "PURGE LAG",
                "APPLIED E2E (" + d.path("window").path("name").asText("?") + ")"), regions));

        List<List<String>> groups = new ArrayList<>();
        for (JsonNode g : d.path("groups")) {
            groups.add(List.of(g.path("group").asText(), g.path("status").asText(), Long.toString(g.path("lag")
                    .asLong()), Text.ms(g.path("time_lag_ms").asLong()), g.path("reason").asText()));
        }
        out.print("\n" + (groups.isEmpty() ? "no Ripple consumer groups yet\n"
                : Text.table(List.of("GROUP", "STATUS", "LAG", "TIME LAG", "WHY"), groups)));

        List<List<String>> laneRows = new ArrayList<>();
        lanes.forEach(l -> laneRows.add(List.of(l.path("topic").asText(), l.path("group").asText(),
                Long.toString(l.path("lag").asLong()), Text.ms(l.path("time_lag_ms").asLong()))));
        out.print("\n" + (laneRows.isEmpty() ? "derived lanes: none read yet\n"
                : Text.table(List.of("DERIVED LANE", "GROUP", "LAG", "TIME LAG"), laneRows)));

        List<String> queues = new ArrayList<>();
        d.path("dlq").forEach(q -> queues.add(q.path("consumer").asText() + " " + q.path("depth").asLong()));
        out.println("\ndead-letter queues: " + (queues.isEmpty() ? "none" : String.join(", ", queues)));
        JsonNode conits = d.path("conits");
        List<String> names = new ArrayList<>();
        conits.path("conits").forEach(c -> names.add(c.path("name").asText()));
        out.println("conits: " + (names.isEmpty() ? "none configured" : String.join(", ", names))
                + (conits.path("tracking").asBoolean() ? "" : " (status: no data yet, conit tracking is not running)"));
        if (!partsReady) {
            out.println("\nnot every part is ready: see the NOT READY rows above, and each one's log");
        }
        out.flush();
        return partsReady && problems.isEmpty() ? 0 : 1;
    }

    /**
     * What keeps the ops server's view from being healthy: a component of its process down, a consumer group
     * stopped or stalled. Empty when healthy.
     */
    static List<String> problems(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        for (JsonNode c : dashboard.path("components")) {
            if (!c.path("up").asBoolean()) {
                String region = c.path("region").asText("");
                problems.add(c.path("component").asText() + (region.isEmpty() || "none".equals(region) ? ""
                        : " " + region) + " down");
            }
        }
        for (JsonNode g : dashboard.path("groups")) {
            String status = g.path("status").asText();
            if ("STOP".equals(status) || "STALL".equals(status)) {
                problems.add("group " + g.path("group").asText() + " " + status);
            }
        }
        return problems;
    }

    /**
     * The lag of each group on the derived lane ({@code <prefix>.derived}, DESIGN.md 14), summed over
     * partitions, from {@code /api/lag}: what the propagator has still to route of the fan-outs' invalidations.
     */
    static ArrayNode derivedLanes(JsonNode lag) {
        Map<List<String>, long[]> byLane = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (JsonNode g : lag.path("groups")) {
            for (JsonNode p : g.path("partitions")) {
                String topic = p.path("topic").asText();
                if (isDerivedLane(topic)) {
                    long[] sum = byLane.computeIfAbsent(List.of(topic, g.path("group").asText()), k -> new long[2]);
                    sum[0] += p.path("lag").asLong();
                    sum[1] = Math.max(sum[1], p.path("time_lag_ms").asLong());
                }
            }
        }
        ArrayNode lanes = EventJson.mapper().createArrayNode();
        byLane.forEach((k, v) -> lanes.addObject().put("topic", k.get(0)).put("group", k.get(1)).put("lag", v[0])
                .put("time_lag_ms", v[1]));
        return lanes;
    }

    /** Whether {@code topic} is a derived lane, {@code <prefix>.derived} (of any prefix). */
    static boolean isDerivedLane(String topic) {
        return topic.endsWith(".derived");
    }

    private static String lag(JsonNode group) {
        return group.isNull() || group.isMissingNode() ? "no data yet" : group.path("status").asText() + " "
                + Text.ms(group.path("time_lag_ms").asLong()) + " / " + group.path("lag").asLong() + " rec";
    }

    private static String latency(JsonNode l, String window) {
        if (l.isNull() || l.isMissingNode()) {
            return "no data yet";
        }
        return !l.path("p50_ms").isNumber() || l.path("count").asLong() == 0 ? "none in " + window
                : "p50 " + Text.ms(l.path("p50_ms").asLong()) + ", p99 " + Text.ms(l.path("p99_ms").asLong());
    }

    private static String count(JsonNode node, String field) {
        return node.path(field).isNumber() ? Long.toString(node.get(field).asLong()) : "no data yet";
    }
}
