package dev.ripple.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.consistency.Dot;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The load's HTTP client: publishes to the intakes and reads from the read APIs, failing over as a client behind
 * a load balancer would. Thread-safe.
 */
final class LoadClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Between two tries of a request that got 503 or no answer. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final LoadConfig config;

    LoadClient(LoadConfig config) {
        this.config = config;
    }

    /**
     * Publishes one edit per key, an array when there are several, starting at intake {@code n}. An attempt that
     * failed may still land (a 503 after the intake handed it to Kafka, an intake killed mid-request), so each attempt
     * is a new version: revision {@code 100·n + attempt} and a fresh {@code meta.id}. A late attempt is then older
     * than the acknowledged one, never an equal revision that the propagator's gate would drop while the session's
     * token points past it.
     *
     * @return the first answer other than 503, or null when no intake gave one
     */
    HttpResponse<String> publish(int n, List<String> keys, String session, String token) throws InterruptedException {
        return send(config.intakes(), n, (base, attempt) -> {
            ArrayNode events = EventJson.mapper().createArrayNode();
            for (String key : keys) {
                ObjectNode event = events.addObject();
                event.putObject("meta").put("id", UUID.randomUUID().toString()).put("stream", "edits")
                        .put("domain", "en.example.org");
                event.put("key", key).put("revision", 100L * n + attempt).put("content_type", "text/plain")
                        .put("body", session + "/" + n);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + config.producerToken())
                    .POST(HttpRequest.BodyPublishers.ofString((keys.size() == 1 ? events.get(0) : events)
                            .toString()));
            return token == null ? request : request.header("Ripple-Session-Token", token);
        });
    }

    /**
     * Reads {@code key} (letters, digits, {@code _} and {@code :} only: it goes into the path as it is) in
     * {@code region} with {@code token}, starting at its read API for {@code n} (so that
     * consecutive operations use each in turn).
     *
     * @param onViolation the {@code Ripple-On-Violation} header, e.g. {@code wait=3000}
     * @return the first answer other than 503, or null when no read API of the region gave one
     */
    HttpResponse<String> read(String region, int n, String key, String token, String onViolation)
            throws InterruptedException {
        String path = "/v1/regions/" + region + "/objects/" + key;
        return send(config.readApis().get(region), n / config.readApis().size(), (base, attempt) -> HttpRequest.newBuilder(
                URI.create(base + path)).header("Ripple-Session-Token", token)
                .header("Ripple-On-Violation", onViolation));
    }

    /** As {@link #read}, but from the read API at {@code base} alone. */
    HttpResponse<String> readAt(String base, String region, String key, String token, String onViolation)
            throws InterruptedException {
        return send(List.of(base), 0, (b, attempt) -> HttpRequest.newBuilder(URI.create(b + "/v1/regions/" + region
                + "/objects/" + key)).header("Ripple-Session-Token", token).header("Ripple-On-Violation", onViolation));
    }

    /**
     * Sends to the servers in turn, starting at {@code n}'s, at most three times each, until one answers other than
     * 503; null if none. {@code request} is given the base URL and the attempt (from 0).
     */
    private static HttpResponse<String> send(List<String> servers, int n,
            BiFunction<String, Integer, HttpRequest.Builder> request) throws InterruptedException {
        for (int attempt = 0; attempt < servers.size() * 3; attempt++) {
            String base = servers.get(Math.floorMod(n + attempt, servers.size()));
            try {
                HttpResponse<String> response = HTTP.send(request.apply(base, attempt).timeout(REQUEST_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    return response;
                }
            } catch (IOException e) {
                // not answering (refused, reset, timed out): the next one
            }
            Waits.hold(RETRY_PAUSE);
        }
        return null;
    }

    /** The version a served read returned, from its {@code ETag: "<revision>/<dot>"}. */
    static Dot etagDot(HttpResponse<String> read) {
        return Dot.parse(read.headers().firstValue("ETag").orElseThrow().replaceAll("^\"[^/]*/|\"$", ""));
    }

    /** The epoch a session token names ({@code v1.<epoch>.…}); its signature is checked when it is decoded. */
    static long epochOf(String token) {
        String[] parts = token.split("\\.", 3);
        return parts.length < 3 ? -1 : Long.parseLong(parts[1]);
    }

    static JsonNode json(String body) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }
}
