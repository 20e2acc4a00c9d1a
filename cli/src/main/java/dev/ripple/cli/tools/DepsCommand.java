package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.KafkaConnection;
import dev.ripple.cli.OutputFormat;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.EventJson;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.DependencyRoutes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ripple deps KEY}: what a key uses and what uses it, from the propagator that owns its partition; {@code
 * ripple deps --why ID}: the chain of events that produced a derived event, from the topics.
 */
@Command(name = "deps",
        description = {"Show what KEY uses and what uses it (a count and a sample), and its fan-out in progress, as",
                "the propagator that owns KEY's partition holds them. With --why ID, the chain that produced the",
                "derived event ID instead: the event, then each triggered_by up to the root edit.",
                "Exits 1 when the key or event is not found, or the propagator or Kafka cannot be reached."})
public final class DepsCommand implements Callable<Integer> {
    /** The environment variable naming a propagator's base URL. */
    public static final String URL_ENV = "RIPPLE_PROPAGATOR_URL";

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "The key, e.g. template:Infobox.")
    String key;

    @Option(names = "--why", paramLabel = "ID", description = "The meta.id of a derived event: show its chain.")
    String why;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:" + URL_ENV + "}",
            description = {"A propagator's base URL, e.g. http://HOST:8083 (env " + URL_ENV + "; default: the",
                    "running 'ripple up'). Any instance will do: one that does not own KEY redirects to the one",
                    "that does."})
    String url;

    @Option(names = "--sample", defaultValue = "" + DependencyRoutes.DEFAULT_SAMPLE, paramLabel = "N",
            description = "Dependents to list, at most " + DependencyRoutes.MAX_SAMPLE
                    + " (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--since", defaultValue = "1h", paramLabel = "DURATION",
            description = {"With --why: how far back to look for the derived event, e.g. 30m, 6h, 2d (default:",
                    "${DEFAULT-VALUE}). Each step up the chain looks from the root edit's time."})
    String since;

    @Option(names = "--scan-timeout", defaultValue = "60s", paramLabel = "DURATION",
            description = "With --why: the longest one scan of the topics may take (default: ${DEFAULT-VALUE}).")
    String scanTimeout;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic prefix (default: "
            + "${DEFAULT-VALUE}).")
    String topicPrefix;

    @Mixin
    KafkaConnection kafka;

    @Mixin
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if ((key == null) == (why == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give a KEY, or --why ID (not both).");
        }
        return why != null ? why() : show();
    }

    // ---- ripple deps KEY

    private int show() {
        String base = base();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(base + DependencyRoutes.pathOf(key, sample)))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("Could not connect to a propagator at " + base + ": is 'ripple propagator' (or "
                    + "'ripple up') running there? Pass its --url or set " + URL_ENV + ".");
        } catch (IOException e) {
            throw new CliException("Could not talk to the propagator at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
        JsonNode body = parse(response.body());
        PrintWriter out = spec.commandLine().getOut();
        if (response.statusCode() == 404 && body.path("type").asText().endsWith("/unknown-key")) {
            if (output.json()) {
                OutputFormat.printPretty(out, body);
            }
            spec.commandLine().getErr().println("ripple deps: " + body.path("detail").asText() + " Check the key, "
                    + "and that its stream has 'dependencies' in its config.");
            return 1;
        }
        if (response.statusCode() != 200) {
            throw new CliException(response.statusCode() + " from " + response.uri() + ": " + body.path("detail")
                    .asText(response.body()) + (response.statusCode() == 404 ? " Is " + base + " a propagator's "
                    + "(or 'ripple up''s) URL?" : ""));
        }
        if (output.json()) {
            OutputFormat.printPretty(out, body);
            return 0;
        }
        out.printf("%s (partition %d)%n", body.path("key").asText(), body.path("partition").asInt());
        JsonNode uses = body.path("uses");
        out.println(uses.isEmpty() ? "uses: nothing declared" : "uses (declared on stream "
                + body.path("stream").asText() + "):");
        List<List<String>> rows = new ArrayList<>();
        uses.forEach(u -> rows.add(List.of(u.path("key").asText(), parts(u.path("parts")))));
        if (!rows.isEmpty()) {
            out.print(Text.table(List.of("KEY", "PARTS"), rows));
        }
        long usedBy = body.path("used_by").asLong();
        out.printf("%nused by: %d dependent%s%n", usedBy, usedBy == 1 ? "" : "s");
        List<List<String>> dependents = new ArrayList<>();
        body.path("sample").forEach(d -> dependents.add(List.of(d.path("key").asText(), d.path("stream").asText(),
                parts(d.path("parts")))));
        if (!dependents.isEmpty()) {
            out.print(Text.table(List.of("DEPENDENT", "STREAM", "PARTS"), dependents));
            if (usedBy > dependents.size()) {
                out.printf("(the first %d of %d)%n", dependents.size(), usedBy);
            }
        }
        JsonNode fanout = body.path("fanout");
        if (fanout.isObject()) {
            long walked = fanout.path("walked").asLong();
            long total = fanout.path("total").asLong();
            out.printf("%nfan-out in progress: %d of %d walked (%d%%), changed parts %s, depth %d, triggered by %s, "
                    + "root %s%n", walked, total, total == 0 ? 100 : walked * 100 / total,
                    parts(fanout.path("changed_parts")), fanout.path("depth").asInt(),
                    fanout.path("triggered_by").asText(), fanout.path("root_event").path("id").asText());
        } else {
            out.println("\nfan-out: none in progress");
        }
        out.flush();
        return 0;
    }

    private String base() {
        String chosen = url != null && !url.isBlank() ? url : UpFile.locate().running().map(UpEndpoints::http)
                .orElseThrow(() -> new CliException("No propagator to ask: pass --url http://HOST:PORT of a 'ripple "
                        + "propagator' (or 'ripple up'), set " + URL_ENV + ", or start 'ripple up' here."));
        return chosen.replaceAll("/+$", "");
    }

    private static String parts(JsonNode parts) {
        if (parts.isMissingNode() || parts.isNull()) {
            return "(all)";
        }
        List<String> names = new ArrayList<>();
        parts.forEach(p -> names.add(p.asText()));
        return String.join(", ", names);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode().put("detail", body);
        }
    }

    // ---- ripple deps --why ID

    private int why() {
        Duration window = duration(since, "--since");
        Duration timeout = duration(scanTimeout, "--scan-timeout");
        Instant now = clock.instant();
        List<DerivedChain.Link> chain = new ArrayList<>();
        try (DerivedChain topics = new DerivedChain(kafka.settings(UpFile.locate().running()
                .map(UpEndpoints::kafka)), new TopicNames(topicPrefix), timeout)) {
            Optional<DerivedChain.Link> link = topics.derived(why, now.minus(window), now);
            if (link.isEmpty()) {
                throw new CliException("No derived event with id " + why + " in " + topicPrefix + ".derived "
                        + "since " + now.minus(window) + ". Widen the window (e.g. --since 24h), or check the "
                        + "id: --why takes a derived event's meta.id.");
            }
            while (link.isPresent()) {
                chain.add(link.get());
                link = topics.trigger(link.get());
            }
        } catch (KafkaException | IllegalStateException e) {
            throw new CliException("Could not read the topics: " + e.getMessage() + ". Is Kafka reachable "
                    + "(--bootstrap-servers)?");
        }
        DerivedChain.Link last = chain.get(chain.size() - 1);
        boolean complete = last.depth() == 0;
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode doc = EventJson.mapper().createObjectNode();
            ArrayNode links = doc.putArray("chain");
            for (DerivedChain.Link l : chain) {
                links.addObject().put("topic", l.topic()).put("partition", l.partition()).put("offset", l.offset())
                        .put("timestamp", l.timestamp().toString()).set("event", l.event());
            }
            doc.put("complete", complete);
            OutputFormat.printPretty(out, doc);
            return complete ? 0 : 1;
        }
        for (DerivedChain.Link l : chain) {
            JsonNode e = l.event();
            out.printf("%s%s %s (%s, depth %d) on %s[%d]@%d at %s%n", l == chain.get(0) ? "" : "<- triggered by ",
                    l.id(), e.path("key").asText(), e.path("op").asText(), l.depth(), l.topic(), l.partition(),
                    l.offset(), l.timestamp());
            if (l == chain.get(0) && l.depth() > 0) {
                JsonNode root = e.path("root_event");
                out.printf("   root %s (key %s, at %s), triggered_by %s%n", root.path("id").asText(),
                        root.path("key").asText("?"), root.path("dt").asText(), e.path("triggered_by").asText());
            }
        }
        if (!complete) {
            out.printf("the chain stops here: %s (depth %d's trigger) was not found between the root edit's time and "
                    + "its own; its topic's retention may have removed it%n", last.event().path("triggered_by")
                    .asText(), last.depth());
        }
        out.flush();
        return complete ? 0 : 1;
    }

    /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 2d}, or ISO-8601 ({@code PT1H}). */
    static Duration duration(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> null;
            };
            if (d != null && !d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException e) {
            // fall through to the message
        }
        throw new CliException(option + " must be a duration such as 90s, 30m, 6h or 2d, was '" + text + "'.");
    }
}
