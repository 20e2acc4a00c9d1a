package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.OpsConnection;
import dev.ripple.cli.OutputFormat;
import dev.ripple.events.EventJson;
import dev.ripple.runtime.server.AdminToken;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple dlq list|replay}: what waits in a dead-letter queue, and sending it back. */
@Command(name = "dlq", description = "Dead-letter queues (ripple.dlq.<consumer>): list records, replay them.",
        subcommands = {DlqCommand.List.class, DlqCommand.Replay.class})
public final class DlqCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ripple dlq list CONSUMER [--limit N] [--refused] [-o json]}; json is the ops API's
     * {@code /api/dlq/CONSUMER} (or {@code /api/refused/PART}).
     */
    @Command(name = "list", description = "List the oldest records waiting in a consumer's DLQ (not replayed yet).")
    static final class List implements Callable<Integer> {
        @Parameters(paramLabel = "CONSUMER", description = "The DLQ's consumer, e.g. intake, propagator, replica.eqiad.")
        String consumer;

        @Option(names = "--limit", defaultValue = "20", description = "At most N records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--refused", description = "List what the part refused of its clients instead "
                + "(ripple.refused.<part>, e.g. the intake's 400s), which is no DLQ: nothing to replay.")
        boolean refused;

        @CommandLine.Mixin
        OpsConnection ops;

        @CommandLine.Mixin
        OutputFormat output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode body = ops.client().get((refused ? "/api/refused/" : "/api/dlq/") + consumer + "?limit="
                    + limit);
            if (output.json()) {
                OutputFormat.printPretty(out, body);
                return 0;
            }
            if (body.path("records").isEmpty()) {
                out.println(body.path("topic").asText((refused ? "ripple.refused." : "ripple.dlq.") + consumer)
                        + " is empty" + (refused ? "" : ": nothing waits to be replayed"));
            }
            for (JsonNode r : body.path("records")) {
                out.printf("%s  %s  key=%s  attempts=%d  last=%s%n    %s%n", r.path("id").asText(), origin(r),
                        r.path("key").asText("-"), r.path("attempts").asInt(), r.path("last_failure").asText(
                                r.path("lastFailure").asText("-")), r.path("reason").asText());
            }
            out.flush();
            return 0;
        }

        /** Where the record was read, or for an event refused before it was written, the topic it was meant for. */
        private static String origin(JsonNode r) {
            return r.path("partition").asInt(-1) < 0 ? r.path("topic").asText() + " (never written)"
                    : r.path("topic").asText() + "-" + r.path("partition").asInt() + "@" + r.path("offset").asLong();
        }
    }

    /** {@code ripple dlq replay CONSUMER (--id ID | --all) [--rate N]}. */
    @Command(name = "replay", description = {"Send DLQ records back to their original topic, where the consumer "
            + "that failed reads them again.", "What Kafka took is marked replayed: 'list' and the depth no longer "
            + "count it.", "Needs the server's admin token (--admin-token or "
            + AdminToken.ENV + "); 'ripple up' without a token accepts this machine."})
    static final class Replay implements Callable<Integer> {
        @Parameters(paramLabel = "CONSUMER", description = "The DLQ's consumer, e.g. propagator.")
        String consumer;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--id", paramLabel = "ID", description = "One record, as 'list' prints it (e.g. 0@17).")
            String id;

            @Option(names = "--all", description = "Every waiting record.")
            boolean all;
        }

        @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
                description = "At most N records per second (default: no limit).")
        double rate;

        @Option(names = "--admin-token", defaultValue = "${env:" + AdminToken.ENV + "}",
                description = "Admin token of the server (env " + AdminToken.ENV + ").")
        String adminToken;

        @CommandLine.Mixin

        OpsConnection ops;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            var body = EventJson.mapper().createObjectNode();
            if (which.id != null) {
                body.put("id", which.id);
            } else {
                body.put("all", true);
            }
            body.put("rate", rate);
            JsonNode result = ops.client().post("/api/dlq/" + consumer + "/replay", body.toString(),
                    adminToken);
            out.printf("replayed %d, skipped %d, failed %d%n", result.path("replayed").asInt(),
                    result.path("skipped").asInt(), result.path("failed").asInt());
            result.path("problems").forEach(p -> out.println("  " + p.asText()));
            out.flush();
            return result.path("failed").asInt() == 0 ? 0 : 1;
        }
    }
}
