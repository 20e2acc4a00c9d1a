package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.Cli;
import dev.ripple.cli.PartProcess;
import dev.ripple.cli.StandaloneServices;
import dev.ripple.cli.parts.OpsCommand;
import dev.ripple.config.ConfigWrites;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.testsupport.CommandRun;
import dev.ripple.testsupport.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape as README gives it: one broker, etcd and Redis, then every part as its own OS process started
 * with README's command lines exactly (a {@code ripple} executable running this build's jar; only the exported
 * endpoints and the Redis URLs are this machine's). An edit published at the intake is read back from the separate
 * read API, and every part answers {@code /readyz} and serves {@code /metrics} that pass
 * {@code promtool check metrics}.
 */
@ExtendWith(RedisExtension.class)
class ProductionShapeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PRODUCER_TOKEN = "shape.0123456789abcdef0123456789abcdef";

    @Test
    void shouldRunEveryReadmeLineAsItsOwnProcessAndCarryAnEditFromTheIntakeToTheReadApi(RedisProcess redis,
            @TempDir Path dir) throws Exception {
        ProductionCommands readme = ProductionCommands.read();
        Path ripple = Files.writeString(dir.resolve("ripple"), "#!/bin/sh\nexec \"" + Path.of(System.getProperty(
                "java.home"), "bin", "java") + "\" -Xmx256m -jar \"" + Path.of("target", "ripple.jar")
                .toAbsolutePath() + "\" \"$@\"\n");
        Files.setPosixFilePermissions(ripple, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<PartProcess> parts = new ArrayList<>();
        try (StandaloneServices services = StandaloneServices.start(store -> ConfigWrites.put(store,
                "/ripple/producers/shape", "{\"token\": \"" + PRODUCER_TOKEN + "\", \"streams\": [\"edits\"]}",
                ConfigWrites.ANY_REVISION))) {
            // README exports these; this machine's values stand in for its example hosts
            Map<String, String> exported = Map.of("RIPPLE_KAFKA", services.bootstrapServers(), "RIPPLE_ETCD",
                    services.etcd(), "RIPPLE_STATE_DIR", dir.resolve("state").toString(), "RIPPLE_SESSION_KEYS",
                    TestKeys.spec("k1"));
            assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(readme.exported().keySet());
            for (ProductionCommands.Line line : readme.lines()) {
                Map<String, String> env = new HashMap<>(exported);
                line.env().forEach((name, value) -> env.put(name, value.startsWith("redis://") ? redis.uri() : value));
                List<String> command = new ArrayList<>(List.of(ripple.toString()));
                command.addAll(line.args());
                parts.add(PartProcess.exec(command, env));
            }

            // every part becomes ready on its port
            for (int i = 0; i < parts.size(); i++) {
                PartProcess part = parts.get(i);
                String base = "http://127.0.0.1:" + DeployManifestsIT.port(readme.lines().get(i));
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertThat(part.isAlive()).as(part.output()).isTrue();
                    return get(base + "/readyz").statusCode() == 200;
                });
            }

            // an edit published at the intake is read back, with its session token, from the replica's read API
            HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:8081/v1/events")).header("Content-Type", "application/json").header("Authorization", "Bearer " + PRODUCER_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                            + "\"en.example.org\"}, \"key\": \"enwiki:Production_shape\", \"op\": \"upsert\", "
                            + "\"revision\": 1, \"content_type\": \"text/html\", \"body\": \"<p>shape</p>\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            String token = published.headers().firstValue("Ripple-Session-Token").orElseThrow();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:8082/v1/regions/eqiad/objects/enwiki:Production_shape"))
                        .header("Ripple-Session-Token", token).build(), HttpResponse.BodyHandlers.ofString());
                return read.statusCode() == 200 && read.body().equals("<p>shape</p>");
            });

            // and 'ripple status' reports every part from its own /readyz, and the ops server's view of the regions
            List<String> urls = readme.lines().stream().map(l -> "http://127.0.0.1:" + DeployManifestsIT.port(l))
                    .toList();
            CommandRun status = Cli.ripple("status", "--url", "http://127.0.0.1:" + OpsCommand.DEFAULT_PORT,
                    "--part", String.join(",", urls));
            assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains("PART", "intake", "propagator", "replica eqiad", "purger eqiad",
                    "REPLICATION LAG").doesNotContain("NOT READY");

            // and every part's metrics pass promtool, with its readiness among them
            for (ProductionCommands.Line line : readme.lines()) {
                String metrics = get("http://127.0.0.1:" + DeployManifestsIT.port(line) + "/metrics").body();
                assertThat(metrics).as(line.text()).contains("ripple_component_up");
                Promtool.Result check = Promtool.run(metrics, "check", "metrics");
                assertThat(check.exitCode()).as(line.text() + ": " + check.output()).isZero();
            }
        } finally {
            for (PartProcess part : parts) {
                part.close();
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
