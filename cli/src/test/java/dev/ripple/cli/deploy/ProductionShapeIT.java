package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.Cli;
import dev.ripple.cli.PartProcess;
import dev.ripple.cli.StandaloneServices;
import dev.ripple.cli.parts.OpsCommand;
import dev.ripple.cli.parts.ProducerCommand;
import dev.ripple.cli.parts.ReplicaCommand;
import dev.ripple.cli.up.PartClasspath;
import dev.ripple.config.ConfigWrites;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.testsupport.CommandRun;
import dev.ripple.testsupport.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape as README gives it: one broker, etcd and Redis, then every part as its own OS process started
 * with README's command lines exactly (a {@code ripple} executable running this build's jar; only the exported
 * endpoints and the Redis URLs are this machine's). An edit published at the intake is read back from the separate
 * read API, and every part answers {@code /readyz} and serves {@code /metrics} that pass
 * {@code promtool check metrics}.
 */
class ProductionShapeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PRODUCER_TOKEN = "shape.0123456789abcdef0123456789abcdef";

    @Test
    void shouldRunEveryReadmeLineAsItsOwnProcessAndCarryAnEditFromTheIntakeToTheReadApi(@TempDir Path dir)
            throws Exception {
        ProductionCommands readme = ProductionCommands.read();
        // the jar with the class-data archive the build dumped beside it, as README's sizing notes run a part
        String archive = String.join(" ", PartClasspath.current().archiveOptions());
        Path ripple = Files.writeString(dir.resolve("ripple"), "#!/bin/sh\nexec \"" + Path.of(System.getProperty(
                "java.home"), "bin", "java") + "\" " + archive + " -Xmx256m -jar \"" + Path.of("target", "ripple.jar")
                .toAbsolutePath() + "\" \"$@\"\n");
        Files.setPosixFilePermissions(ripple, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<PartProcess> parts = new ArrayList<>();
        // a Redis of its own: the epoch bump below leaves its positions in epoch 2
        try (RedisProcess redis = RedisProcess.start();
                StandaloneServices services = StandaloneServices.start(store -> {
            ConfigWrites.put(store, "/ripple/producers/shape", "{\"token\": \"" + PRODUCER_TOKEN + "\", "
                    + "\"streams\": [\"edits\"]}", ConfigWrites.ANY_REVISION);
            // README runs a replica for eqiad only, so codfw and esams apply nothing: every write of this conit
            // stays unapplied there, and the fourth one puts it past its bound
            ConfigWrites.put(store, "/ripple/conits/hot", "{\"keys\": {\"glob\": \"enwiki:Hot_*\"}, \"bounds\": "
                    + "{\"max_unapplied\": 3}, \"enforcement\": \"throttle-writes\"}", ConfigWrites.ANY_REVISION);
        })) {
            // README exports these; this machine's values stand in for its example hosts
            Map<String, String> exported = Map.of("RIPPLE_KAFKA", services.bootstrapServers(), "RIPPLE_ETCD",
                    services.etcd(), "RIPPLE_STATE_DIR", dir.resolve("state").toString(), "RIPPLE_SESSION_KEYS",
                    TestKeys.spec("k1"));
            assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(readme.exported().keySet());
            for (ProductionCommands.Line line : readme.lines()) {
                Map<String, String> env = new HashMap<>(exported);
                line.env().forEach((name, value) -> env.put(name, value.startsWith("redis://") ? redis.uri() : value));
                List<String> command = new ArrayList<>(List.of(ripple.toString()));
                // the prober's read API address: the replica's Service name there, this machine here
                line.args().forEach(arg -> command.add(arg.replace("ripple-replica-eqiad:8082", "127.0.0.1:8082")));
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
            HttpResponse<String> published = publish("enwiki:Production_shape");
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

            // and an epoch bump with README's command reaches every part live: within 2 s the intake and the read
            // API refuse tokens of epoch 1 (410), new sessions get tokens of epoch 2, and eqiad serves them
            ProcessBuilder bumpCommand = new ProcessBuilder(ripple.toString(), "config", "put", "/ripple/epoch",
                    "{\"epoch\": 2}").redirectErrorStream(true);
            bumpCommand.environment().putAll(exported);
            Process bump = bumpCommand.start();
            bump.getOutputStream().close();
            String bumpOutput = new String(bump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bump.waitFor()).as(bumpOutput).isZero();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                assertThat(publish("enwiki:Epoch_one", token).statusCode()).isEqualTo(410);
                assertThat(read("enwiki:Production_shape", token, "refuse").statusCode()).isEqualTo(410);
            });
            HttpResponse<String> fresh = publish("enwiki:Epoch_two", null);
            assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(201);
            String epoch2 = fresh.headers().firstValue("Ripple-Session-Token").orElseThrow();
            assertThat(TestKeys.codec("k1").decode(epoch2, 2).position().epoch()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                HttpResponse<String> read = read("enwiki:Epoch_two", epoch2, "wait=1000");
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            });

            // and a throttle-writes conit whose regions fall behind its bound is enforced by the intake: 429
            AtomicInteger sent = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    publish("enwiki:Hot_" + sent.incrementAndGet()).statusCode() == 429);
            HttpResponse<String> throttled = publish("enwiki:Hot_again");
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(throttled.body()).contains("Conit 'hot' throttles writes");
            assertThat(sent.get()).as("writes accepted before the bound was passed").isGreaterThan(3);
            assertThat(publish("enwiki:Cold").statusCode()).as("a key outside the conit").isEqualTo(201);

            // and a gate-reads conit refuses reads of a region held behind its bound: eqiad's applier slowed by a
            // Kafka fetch quota of one byte a second, as a starved consumer would be, so writes wait in its topic
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.bootstrapServers()))) {
                ClientQuotaEntity applier = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID,
                        "ripple-replica-eqiad"));
                admin.alterClientQuotas(List.of(new ClientQuotaAlteration(applier, List.of(
                        new ClientQuotaAlteration.Op("consumer_byte_rate", 1.0))))).all().get();
                AtomicInteger behind = new AtomicInteger();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    publish("enwiki:Behind_" + behind.incrementAndGet());
                    return read("enwiki:Production_shape", "refuse").statusCode() == 409;
                });
                HttpResponse<String> gated = read("enwiki:Production_shape", "refuse");
                assertThat(gated.statusCode()).isEqualTo(409);
                assertThat(gated.body()).contains("Conit 'enwiki-pages' gates reads");
                admin.alterClientQuotas(List.of(new ClientQuotaAlteration(applier, List.of(
                        new ClientQuotaAlteration.Op("consumer_byte_rate", null))))).all().get();
            }

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

    /** An upsert of {@code key} at the intake README's producer line serves, without a session. */
    private static HttpResponse<String> publish(String key) throws Exception {
        return publish(key, null);
    }

    /** An upsert of {@code key} in the session of {@code token} (none if null). */
    private static HttpResponse<String> publish(String key, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ProducerCommand.DEFAULT_PORT + "/v1/events"));
        if (token != null) {
            request.header("Ripple-Session-Token", token);
        }
        return HTTP.send(request.header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + PRODUCER_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"op\": \"upsert\", \"revision\": 1, "
                        + "\"content_type\": \"text/html\", \"body\": \"<p>shape</p>\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A read of {@code key} at README's replica line, saying what to do when a conit gates it. */
    private static HttpResponse<String> read(String key, String onViolation) throws Exception {
        return read(key, null, onViolation);
    }

    /** A read of {@code key} in the session of {@code token} (none if null). */
    private static HttpResponse<String> read(String key, String token, String onViolation) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ReplicaCommand.DEFAULT_PORT + "/v1/regions/eqiad/objects/" + key));
        if (token != null) {
            request.header("Ripple-Session-Token", token);
        }
        return HTTP.send(request.header("Ripple-On-Violation", onViolation).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
