package dev.ripple.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.testsupport.ProblemAssertions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Requests for {@link IntakeHostileIT}: events as JSON text, requests built without a server and sent to a
 * fixture's, and the check of a problem answer.
 */
final class HostileRequests {
    /** Where a request is built to go; {@link #send} points it at a fixture. */
    static final String EVENTS = "http://intake.invalid/v1/events";
    private static final HttpClient http = HttpClient.newHttpClient();

    private HostileRequests() {}

    static String event(String stream, String key) {
        return event(stream, key, "");
    }

    static String event(String stream, String key, String extra) {
        return "{\"meta\": {\"stream\": \"" + stream + "\", \"request_id\": \"" + UUID.randomUUID() + "\"}, \"key\": \""
                + key + "\"" + extra + "}";
    }

    static String batch(String stream, String prefix, int size) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(event(stream, prefix + "-" + i));
        }
        return "[" + String.join(",", events) + "]";
    }

    static HttpRequest.Builder request(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(EVENTS)).header("Content-Type",
                "application/json");
        return body == null ? request : request.POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A JSON request with a producer token (none when null). */
    static HttpRequest.Builder json(String token, String body) {
        HttpRequest.Builder request = request(body);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** Sends {@code request} to {@code target}'s intake. */
    static HttpResponse<String> send(IntakeFixture target, HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        URI uri = URI.create("http://127.0.0.1:" + target.server.port() + built.uri().getPath());
        Map<String, List<String>> headers = new HashMap<>(built.headers().map());
        HttpRequest.Builder copy = HttpRequest.newBuilder(uri).method(built.method(),
                built.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        headers.forEach((name, values) -> values.forEach(value -> copy.header(name, value)));
        return http.send(copy.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts a problem+json answer of {@code status} and {@code type} whose detail contains {@code detail}. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type, String detail)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = ProblemAssertions.assertProblem(response.headers().firstValue("Content-Type").orElse(null),
                response.body(), status, type);
        assertThat(problem.get("detail").asText()).contains(detail);
        return problem;
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
