package dev.ripple.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EventJson;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad request gets its documented status and problem body, and writes nothing. */
@ExtendWith(KafkaExtension.class)
class IntakeBadInputIT {
    private static final String STREAM = "intake-bad";
    private static IntakeFixture fixture;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        fixture = IntakeFixture.start(kafka, STREAM);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String event(String stream, String extra) {
        return "{\"meta\": {\"stream\": \"" + stream + "\"}, \"key\": \"k\", \"content_type\": \"text/plain\", "
                + "\"body\": \"b\"" + extra + "}";
    }

    static Stream<Arguments> badRequests() {
        String good = event(STREAM, "");
        String auth = "Bearer " + IntakeFixture.TOKEN;
        return Stream.of(
                Arguments.of("malformed JSON", "{\"meta\": {", auth, null, 400, "malformed-json", ""),
                Arguments.of("not an object", "42", auth, null, 400, "invalid-events", ""),
                Arguments.of("schema violation", event(STREAM, ", \"op\": \"rename\""), auth, null, 400,
                        "invalid-events", "/op"),
                Arguments.of("wrong type", event(STREAM, ", \"revision\": \"42\""), auth, null, 400,
                        "invalid-events", "/revision"),
                Arguments.of("bad date", "{\"meta\": {\"stream\": \"" + STREAM + "\", \"dt\": \"yesterday\"}, "
                        + "\"key\": \"k\"}", auth, null, 400, "invalid-events", "/meta/dt"),
                Arguments.of("empty array", "[]", auth, null, 400, "empty-batch", ""),
                Arguments.of("unknown stream", event("nope", ""), auth, null, 400, "invalid-events",
                        "/meta/stream"),
                Arguments.of("body over the limit", "[" + (good + ",").repeat(800) + good + "]", auth, null, 413,
                        "body-too-large", ""),
                Arguments.of("batch over the limit", "[" + (good + ",").repeat(50) + good + "]", auth, null, 413,
                        "batch-too-large", ""),
                Arguments.of("event over the stream's limit", event(STREAM, ", \"tags\": [\"" + "x".repeat(1000)
                        + "\", \"" + "y".repeat(1000) + "\", \"" + "z".repeat(1000) + "\", \"" + "w".repeat(1000)
                        + "\", \"" + "v".repeat(900) + "\"]"), auth, null, 413, "event-too-large", ""),
                Arguments.of("no producer token", good, null, null, 401, "missing-producer-token", ""),
                Arguments.of("unknown producer token", good, "Bearer not-a-real-token-at-all", null, 401,
                        "bad-producer-token", ""),
                Arguments.of("stream not allowed", event(STREAM + "-other", ""), auth, null, 403,
                        "stream-not-allowed", "/meta/stream"),
                Arguments.of("forged session token", good, auth, "v1.0.AAAA.test-key.AAAAAAAAAAAAAAAAAAAAAA", 400,
                        "invalid-session-token", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldAnswerWithTheDocumentedProblemAndWriteNothing(String name, String body, String authorization,
            String sessionToken, int status, String problemType, String pointer) throws Exception {
        long before = fixture.recordsOn("ripple.stream." + STREAM) + fixture.recordsOn("ripple.stream." + STREAM
                + "-other");
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (sessionToken != null) {
            headers.put("Ripple-Session-Token", sessionToken);
        }

        HttpResponse<String> response = fixture.post("/v1/events", body, headers);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://ripple.dev/problems/" + problemType);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (!pointer.isEmpty()) {
            assertThat(problem.at("/errors/0/errors/0/pointer").asText()).isEqualTo(pointer);
        }
        assertThat(fixture.recordsOn("ripple.stream." + STREAM) + fixture.recordsOn("ripple.stream." + STREAM
                + "-other")).isEqualTo(before);
    }

    /**
     * A client still sending a body its Content-Length already declared too large gets the 413, not a reset
     * connection: the intake drains what it refuses (up to twice the limit) before it answers. The body goes out in
     * slices with pauses, as over a slow link, so the answer is always ready before the body has arrived.
     */
    @Test
    void shouldAnswerADeclaredOversizeBodyStillBeingSentRatherThanResetTheConnection() throws Exception {
        String good = event(STREAM, "");
        byte[] body = ("[" + (good + ",").repeat(1000) + good + "]").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", fixture.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/events HTTP/1.1\r\nHost: intake\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer " + IntakeFixture.TOKEN
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int slice = body.length / 10 + 1;
            for (int from = 0; from < body.length; from += slice) {
                out.write(body, from, Math.min(slice, body.length - from));
                out.flush();
                Thread.sleep(50);
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("https://ripple.dev/problems/body-too-large");
        }
    }
}
