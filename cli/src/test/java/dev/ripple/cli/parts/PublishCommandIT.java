package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.Cli;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour: curl and 'ripple publish' against a running 'ripple up' with the demo config. */
class PublishCommandIT {
    private static final Pattern DOT = Pattern.compile("ripple\\.stream\\.edits:\\d+@\\d+");
    private static RippleUp up;
    private static UpEndpoints endpoints;

    @BeforeAll
    static void start(@TempDir Path home) {
        up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        endpoints = up.start();
    }

    @AfterAll
    static void stop() {
        up.close();
    }

    @Test
    void shouldAcceptTheReadmeCurlExample() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(endpoints.http() + "/v1/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": "
                        + "\"enwiki:Main_Page\", \"revision\": 1, \"content_type\": \"text/html\", "
                        + "\"body\": \"<p>Hello</p>\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Ripple-Session-Token")).hasValueSatisfying(
                token -> assertThat(token).startsWith("v1.1."));
    }

    @Test
    void shouldPrintEachDotAndTheSessionTokenAndCarryTheTokenOnward(@TempDir Path dir) throws Exception {
        // given one event published from an argument
        CommandRun first = Cli.ripple("publish", "--url", endpoints.http(),
                "{\"meta\": {\"stream\": \"edits\"}, \"key\": \"enwiki:Earth\", \"revision\": 1}");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(DOT.matcher(first.out()).find()).as(first.out()).isTrue();
        Matcher token = Pattern.compile("session token: (\\S+)").matcher(first.out());
        assertThat(token.find()).isTrue();

        // when three more come from a file in the same session
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"meta": {"stream": "edits"}, "key": "enwiki:Mars", "revision": 1}
                {"meta": {"stream": "edits"}, "key": "enwiki:Venus", "revision": 1}

                {"meta": {"stream": "edits"}, "key": "enwiki:Earth", "revision": 2}
                """);
        CommandRun more = Cli.ripple("publish", "--url", endpoints.http(), "--file", file.toString(),
                "--session-token", token.group(1));

        // then each is written and reported, and the session token grows
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(more.out().lines().filter(line -> line.startsWith("201"))).hasSize(3);
        assertThat(more.out()).contains("session token: v1.");
    }

    @Test
    void shouldReportARefusedEventWithItsPointerAndExitNonZero() {
        CommandRun run = Cli.ripple("publish", "--url", endpoints.http(), "{\"meta\": {\"stream\": \"edits\"}, "
                + "\"key\": \"\"}");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("400", "/key");
    }
}
