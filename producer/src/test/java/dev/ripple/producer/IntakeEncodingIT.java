package dev.ripple.producer;

import static dev.ripple.producer.HostileRequests.assertProblem;
import static dev.ripple.producer.HostileRequests.event;
import static dev.ripple.producer.HostileRequests.gzip;
import static dev.ripple.producer.HostileRequests.json;
import static dev.ripple.producer.HostileRequests.request;
import static dev.ripple.producer.HostileRequests.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input (issue 16, part 11): bodies the intake must not read as JSON events — another media type, an
 * unsupported or broken encoding, a gzip bomb — get their status and problem document and write nothing; JSON with
 * a UTF-8 charset and a gzip body are accepted. The other kinds are in {@link IntakeHostileIT}.
 */
@ExtendWith(KafkaExtension.class)
class IntakeEncodingIT {
    private static final String STREAM = "encoding";
    private static IntakeFixture fixture;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        fixture = IntakeFixture.start(kafka, STREAM);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1", "(none)"})
    void shouldRefuseABodyThatIsNotDeclaredJsonWith415(String type) throws Exception {
        long before = written();
        HttpRequest.Builder request = request(event(STREAM, "k")).header("Authorization", "Bearer "
                + IntakeFixture.TOKEN);
        if (type.equals("(none)")) {
            request = HttpRequest.newBuilder(URI.create(HostileRequests.EVENTS))
                    .header("Authorization", "Bearer " + IntakeFixture.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(event(STREAM, "k")));
        } else {
            request.setHeader("Content-Type", type);
        }

        HttpResponse<String> response = send(fixture, request);

        assertProblem(response, 415, "unsupported-media-type", "Content-Type must be application/json");
        assertThat(response.headers().firstValue("Accept-Post")).hasValue("application/json");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldAcceptJsonWithAUtf8CharsetAndAGzipBody() throws Exception {
        HttpResponse<String> charset = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "utf8")).setHeader(
                "Content-Type", "Application/JSON; charset=\"UTF-8\""));
        HttpResponse<String> gzipped = send(fixture, request(null).header("Authorization", "Bearer "
                + IntakeFixture.TOKEN).header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(
                        gzip(event(STREAM, "gzipped").getBytes(StandardCharsets.UTF_8)))));

        assertThat(charset.statusCode()).as(charset.body()).isEqualTo(201);
        assertThat(gzipped.statusCode()).as(gzipped.body()).isEqualTo(201);
    }

    @Test
    void shouldRefuseAGzipBombWith413OnceItsDecodedSizePassesTheLimit() throws Exception {
        long before = written();
        byte[] bomb = gzip(new byte[64 << 20]);
        assertThat(bomb.length).isLessThan(100_000);

        HttpResponse<String> response = send(fixture, request(null).header("Authorization", "Bearer "
                + IntakeFixture.TOKEN).header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers
                        .ofByteArray(bomb)));

        assertProblem(response, 413, "body-too-large", "once decompressed");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnUnsupportedContentEncodingWith415AndBrokenGzipWith400() throws Exception {
        long before = written();

        HttpResponse<String> brotli = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k")).header(
                "Content-Encoding", "br"));
        HttpResponse<String> broken = send(fixture, json(IntakeFixture.TOKEN, event(STREAM, "k")).header(
                "Content-Encoding", "gzip"));

        assertProblem(brotli, 415, "unsupported-content-encoding", "'br'");
        assertThat(brotli.headers().firstValue("Accept-Encoding")).hasValue("gzip");
        assertProblem(broken, 400, "malformed-gzip", "not valid gzip");
        assertThat(written()).isEqualTo(before);
    }

    private static long written() throws Exception {
        return fixture.recordsOn("ripple.stream." + STREAM);
    }
}
