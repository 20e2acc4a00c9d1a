package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ripple publish}: posts edit events to an intake and prints each event's dot and the session token.
 * Events come from the argument, a file, or standard input, one JSON event per line.
 */
@Command(name = "publish",
        description = {"Publish edit events through the intake and print each dot and the session token.",
                "Events: the EVENT argument, or --file, or standard input, one JSON event per line."})
public final class PublishCommand implements Callable<Integer> {
    private static final int BATCH = 100;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENT", description = "One event as JSON.")
    String event;

    @Option(names = {"-f", "--file"}, description = "A file of events, one JSON event per line.")
    Path file;

    @Option(names = "--url", description = "Intake base URL (default: the running 'ripple up').")
    String url;

    @Option(names = "--producer-token", defaultValue = "${env:RIPPLE_PRODUCER_TOKEN}",
            description = "Producer bearer token (env RIPPLE_PRODUCER_TOKEN).")
    String producerToken;

    @Option(names = "--session-token", description = "Session token from an earlier write or read.")
    String sessionToken;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String base = url != null ? url : UpFile.locate().running().map(UpEndpoints::http).orElseThrow(() ->
                new CliException("No intake to publish to: start 'ripple up' here, or pass --url "
                        + "http://host:port of a 'ripple producer'."));
        HttpClient http = HttpClient.newHttpClient();
        List<String> lines = events();
        if (lines.isEmpty()) {
            throw new CliException("No events given: pass one as an argument, --file FILE, or pipe them in.");
        }
        String token = sessionToken;
        int failed = 0;
        for (int start = 0; start < lines.size(); start += BATCH) {
            List<String> batch = lines.subList(start, Math.min(lines.size(), start + BATCH));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", batch) + "]"));
            if (producerToken != null && !producerToken.isBlank()) {
                request.header("Authorization", "Bearer " + producerToken);
            }
            if (token != null) {
                request.header("Ripple-Session-Token", token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            failed += report(out, start, response);
            token = response.headers().firstValue("Ripple-Session-Token").orElse(token);
        }
        if (token != null) {
            out.println("session token: " + token);
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Prints one line per event; returns how many were not written. */
    private static int report(PrintWriter out, int offset, HttpResponse<String> response) throws IOException {
        JsonNode body = EventJson.mapper().readTree(response.body());
        JsonNode results = body.has("results") ? body.get("results") : body.path("errors");
        if (!results.isArray() || results.isEmpty()) {
            out.println(response.statusCode() + " " + body.path("detail").asText(response.body()));
            return 1;
        }
        int failed = 0;
        for (JsonNode result : results) {
            int status = result.path("status").asInt(response.statusCode());
            int index = offset + result.path("index").asInt();
            if (status == 201 || status == 202) {
                out.printf("%d  event %d  %s  %s%n", status, index, result.path("id").asText(),
                        result.path("dot").asText("(accepted, not yet acknowledged)"));
            } else {
                failed++;
                JsonNode errors = result.path("errors");
                String why = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("pointer").asText() + ": "
                        + errors.get(0).path("message").asText() : result.path("detail").asText();
                out.printf("%d  event %d  %s%n", status, index, why);
            }
        }
        return failed;
    }

    private List<String> events() throws IOException {
        if (event != null) {
            return List.of(event);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
        }
        return lines;
    }
}
