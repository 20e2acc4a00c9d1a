package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Edits published to a running {@code ripple up} by several clients at once and read back, as its users do. Writers
 * at once keep the propagator's transactions back to back, which is when Kafka's transactions-v2 retries happen.
 */
final class UpTraffic {
    private static final String[] REGIONS = {"eqiad", "codfw", "esams"};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private UpTraffic() {}

    /**
     * Has {@code writers} clients each publish {@code edits} edits of keys of its own through the intake at
     * {@code base}, each read back in another region with the session token it got (waiting up to 10 s for it).
     *
     * @throws AssertionError if a write is not accepted or a read not served
     */
    static void run(String base, int writers, int edits) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Void>> clients = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                clients.add(() -> {
                    for (int i = 0; i < edits; i++) {
                        writeAndRead(base, "enwiki:Quiet_" + writer + "_" + (i % 5), i + 1,
                                REGIONS[(writer + i) % REGIONS.length]);
                    }
                    return null;
                });
            }
            for (Future<Void> client : pool.invokeAll(clients)) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeAndRead(String base, String key, int revision, String region) throws Exception {
        HttpResponse<String> written = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + revision
                        + ", \"content_type\": \"text/plain\", \"body\": \"r" + revision + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        String token = written.headers().firstValue("Ripple-Session-Token").orElseThrow();
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/regions/" + region
                + "/objects/" + key)).header("Ripple-Session-Token", token)
                .header("Ripple-On-Violation", "wait=10000").timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }
}
