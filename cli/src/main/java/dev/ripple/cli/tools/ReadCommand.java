package dev.ripple.cli.tools;

import dev.ripple.cli.CliException;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.ResourceKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ripple read REGION KEY}: one read through the read API, printing the status, headers and value. */
@Command(name = "read",
        description = {"Read a key in a region through the read API (default: the running 'ripple up'), and print the",
                "status, Ripple headers (including the new session token) and the value. Exit 0 when served."})
public final class ReadCommand implements Callable<Integer> {
    static final List<String> SHOWN = List.of("Content-Type", "ETag", "Ripple-Served-By", "Ripple-Staleness-Ms",
            "Ripple-Applied-Position", "Ripple-Invalidated", "Ripple-Redirect-Region", "Retry-After",
            "Ripple-Session-Token");

    @Parameters(index = "0", description = "The region, e.g. eqiad.")
    String region;

    @Parameters(index = "1", description = "The key, e.g. enwiki:Main_Page.")
    String key;

    @Option(names = "--token", description = "The session token from an earlier write or read.")
    String token;

    @Option(names = "--on-violation", description = "wait=<ms>, redirect or refuse (the server's default: wait=200).")
    String onViolation;

    @Option(names = "--max-staleness", description = "ms=<T>, versions=<K> (either or both).")
    String maxStaleness;

    @Option(names = "--url", description = "Base URL of a read API (default: the running ripple up's).")
    String url;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String base = url != null ? url : UpFile.locate().running().map(UpEndpoints::http).orElseThrow(() ->
                new CliException("No ripple up is running here (" + UpFile.locate().path() + "); start one with "
                        + "'ripple up', or pass --url of a read API."));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/v1/regions/"
                + ResourceKeys.pathSegment(region) + "/objects/" + ResourceKeys.pathSegment(key)))
                .timeout(Duration.ofSeconds(330));
        header(request, "Ripple-Session-Token", token);
        header(request, "Ripple-On-Violation", onViolation);
        header(request, "Ripple-Max-Staleness", maxStaleness);
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("Could not reach the read API at " + base + " (" + e.getMessage() + "). Is it "
                    + "running?");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("HTTP " + response.statusCode());
        for (String name : SHOWN) {
            response.headers().firstValue(name).ifPresent(value -> out.println(name + ": " + value));
        }
        out.println();
        out.println(response.body());
        out.flush();
        return response.statusCode() == 200 ? 0 : 1;
    }

    private static void header(HttpRequest.Builder request, String name, String value) {
        if (value != null && !value.isBlank()) {
            request.header(name, value);
        }
    }
}
