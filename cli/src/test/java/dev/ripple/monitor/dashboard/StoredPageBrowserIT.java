package dev.ripple.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer stores a page with a script; an operator opens it through the read API of 'ripple up', on the same
 * origin as the dashboard and the config API, in headless Chromium. The script must not run: the page keeps its
 * own title, and the config it tries to change and wipe is untouched.
 */
class StoredPageBrowserIT {
    private static final String READ = "/v1/regions/eqiad/objects/enwiki:Stored_XSS";
    private static final String PAGE = "<html><head><title>stored</title></head><body><p>hello</p><script>"
            + "document.title = 'pwned';"
            + "fetch('/api/config/entry?key=/ripple/regions/pwned', {method: 'PUT', headers: {'Content-Type': "
            + "'application/json'}, body: '{\\\"name\\\": \\\"pwned\\\"}'});"
            + "fetch('/api/config/import?sync=true', {method: 'POST', headers: {'Content-Type': 'text/plain'}, "
            + "body: '{}'});"
            + "</script></body></html>";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldNotRunAStoredScriptAsTheOpsOrigin(@TempDir Path home) throws Exception {
        // given ripple up and a stored page with a script, replicated to eqiad
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        try (up; WebDriver browser = WebDriver.start()) {
            String event = "{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, \"key\": "
                    + "\"enwiki:Stored_XSS\", \"revision\": 1, \"content_type\": \"text/html\", \"body\": "
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(PAGE) + "}";
            HttpResponse<String> published = send(HttpRequest.newBuilder(URI.create(endpoints.http() + "/v1/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)));
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(endpoints, READ).statusCode() == 200);
            String configBefore = get(endpoints, "/api/config/entries?prefix=/ripple/").body();

            // when an operator opens it in a browser
            browser.open(endpoints.http() + READ);

            // then the page rendered but its script did not run, and the config is as it was
            await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(browser.script(
                    "return document.readyState").asText()));
            assertThat(browser.script("return document.body.innerText").asText()).contains("hello");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    "stored".equals(browser.script("return document.title").asText())
                            && get(endpoints, "/api/config/entries?prefix=/ripple/").body().equals(configBefore));
            assertThat(get(endpoints, "/api/config/entry?key=/ripple/regions/pwned").statusCode()).isEqualTo(404);
            HttpResponse<String> served = get(endpoints, READ);
            assertThat(served.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
            assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    private HttpResponse<String> get(UpEndpoints endpoints, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(endpoints.http() + path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
