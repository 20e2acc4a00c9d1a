package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Edits published to a running {@code ripple up} and read back, as a client of it does. */
final class UpTraffic {
    private static final String[] REGIONS = {"eqiad", "codfw", "esams"};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private UpTraffic() {}

    /**
     * Publishes {@code edits} edits over {@code keys} keys through the intake at {@code base}, and reads each back in
     * another region with the session token it got (waiting up to 10 s for it to arrive there).
     */
    static void run(String base, int edits, int keys) throws IOException, InterruptedException {
        for (int i = 0; i < edits; i++) {
            String key = "enwiki:Quiet_" + (i % keys);
            HttpResponse<String> written = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                            + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + (i + 1)
                            + ", \"content_type\": \"text/plain\", \"body\": \"r" + (i + 1) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
            String token = written.headers().firstValue("Ripple-Session-Token").orElseThrow();
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/regions/"
                    + REGIONS[i % REGIONS.length] + "/objects/" + key)).header("Ripple-Session-Token", token)
                    .header("Ripple-On-Violation", "wait=10000").timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        }
    }
}
