package dev.ripple.monitor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium through Debian's {@code chromedriver}, spoken to in the W3C WebDriver protocol over
 * {@code java.net.http}: the calls a page test needs (new session, navigate, reload, resize the window, run a script,
 * screenshot, quit).
 * A client of its own rather than Selenium keeps some thirty transitive jars out of the enforcer's convergence.
 */
final class WebDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1440,900");

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    private WebDriver(Process driver, String base) throws IOException, InterruptedException {
        this.driver = driver;
        this.base = base;
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode match = caps.putObject("capabilities").putObject("alwaysMatch");
        match.put("browserName", "chrome");
        ObjectNode chrome = match.putObject("goog:chromeOptions");
        chrome.put("binary", "/usr/bin/chromium");
        ARGS.forEach(chrome.putArray("args")::add);
        this.session = call("POST", "/session", caps).path("sessionId").asText();
    }

    /** Starts chromedriver on a free port and opens a headless Chromium session. */
    static WebDriver start() throws Exception {
        for (String binary : List.of("/usr/bin/chromedriver", "/usr/bin/chromium")) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver "
                        + "(bin/ripple test does it when missing)");
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    driver.destroyForcibly();
                    throw new IllegalStateException("chromedriver did not answer on " + base, e);
                }
                driver.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        return new WebDriver(driver, base);
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", JSON.createObjectNode().put("url", url));
    }

    void reload() throws Exception {
        call("POST", "/session/" + session + "/refresh", JSON.createObjectNode());
    }

    /** Resizes the window; headless, its viewport is as large ({@code window.innerWidth == width}). */
    void size(int width, int height) throws Exception {
        call("POST", "/session/" + session + "/window/rect", JSON.createObjectNode().put("width", width)
                .put("height", height));
    }

    /** Runs {@code return …} in the page and answers its value. */
    JsonNode script(String script) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body);
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null)
                .asText()));
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + value);
        }
        return value;
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (Exception e) {
            // the driver goes next anyway
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
