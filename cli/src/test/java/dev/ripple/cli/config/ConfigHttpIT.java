package dev.ripple.cli.config;

import dev.ripple.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.RippleHttpServer;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config API of ripple up (in-memory store, demo config) over HTTP, raw and through the CLI's --up. */
class ConfigHttpIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigStore store;
    private ConfigView view;
    private RippleHttpServer server;

    @BeforeEach
    void start() {
        store = ConfigStore.inMemory();
        DemoConfig.seed(store);
        view = ConfigView.open(store, Clock.systemUTC());
        server = RippleHttpServer.start("127.0.0.1", 0, List.of(ConfigRoutes.routes(store, view, Clock.systemUTC(),
                AdminToken.orLoopback(null))));
    }

    @AfterEach
    void stop() {
        server.close();
        view.close();
        store.close();
    }

    private CommandRun config(String subcommand, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "config";
        all[1] = subcommand;
        all[2] = "--up";
        all[3] = server.url();
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.ripple(all);
    }

    @Test
    void shouldServeTheDemoConfigAndAnswerProblemsAsProblemDocuments() throws Exception {
        HttpResponse<String> list = send("GET", "/api/config/entries?prefix=/ripple/regions/", null, null);
        HttpResponse<String> missing = send("GET", "/api/config/entry?key=/ripple/rules/nope", null, null);
        HttpResponse<String> invalid = send("PUT", "/api/config/entry?key=/ripple/regions/x", "{name: y}", null);
        HttpResponse<String> stale = send("PUT", "/api/config/entry?key=/ripple/regions/eqiad", "{name: eqiad}",
                "\"1\"");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"key\":\"/ripple/regions/codfw\"", "/ripple/regions/eqiad",
                "/ripple/regions/esams");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"key\":\"/ripple/regions/x\"", "\"field\":\"name\"",
                "does not match the key");
        assertThat(stale.statusCode()).isEqualTo(412);
    }

    @Test
    void shouldRunEverySubcommandAgainstRippleUp(@TempDir Path dir) throws Exception {
        assertThat(config("list", "/ripple/regions/").out().lines()).hasSize(3);
        assertThat(config("get", "/ripple/streams/edits").out()).contains("\"max_event_bytes\" : 1048576");
        assertThat(config("get", "/ripple/streams/nope").err()).contains("No key /ripple/streams/nope",
                "ripple up at " + server.url());
        assertThat(config("put", "/ripple/regions/ulsfo", "{name: ulsfo}").out()).startsWith("put ");
        assertThat(config("edit", "/ripple/regions/ulsfo", "--editor", "sed -i s/ulsfo/ulsfo/").out())
                .contains("no change");
        assertThat(config("delete", "/ripple/regions/ulsfo").out()).contains("deleted /ripple/regions/ulsfo");
        Path file = Files.writeString(dir.resolve("c.yaml"), DemoConfig.text());
        assertThat(config("import", file.toString(), "--sync").out()).contains("0 created, 0 updated, 10 unchanged");
        assertThat(config("check").out()).startsWith("ok: 10 documents valid");

        CompletableFuture<CommandRun> watching = CompletableFuture.supplyAsync(
                () -> config("watch", "/ripple/conits/", "--count", "1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            store.put("/ripple/conits/x", "{}");
            return watching.isDone();
        });
        assertThat(watching.join().out()).contains("PUT /ripple/conits/x {}");
        await().atMost(Duration.ofSeconds(5)).until(() -> !view.problems().isEmpty());
        CommandRun check = config("check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("/ripple/conits/x", "name: is required");
    }

    private HttpResponse<String> send(String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            request.header("Content-Type", "application/yaml");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
