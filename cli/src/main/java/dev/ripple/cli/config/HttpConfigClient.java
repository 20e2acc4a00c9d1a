package dev.ripple.cli.config;

import dev.ripple.events.ProblemDetail;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ChangeEvent;
import dev.ripple.config.CheckReport;
import dev.ripple.config.ConfigException;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.Entry;
import dev.ripple.config.InvalidConfigException;
import dev.ripple.config.InvalidDocumentException;
import dev.ripple.config.KeyExistsException;
import dev.ripple.config.KeyVanishedException;
import dev.ripple.config.Listing;
import dev.ripple.config.StoreUnavailableException;
import dev.ripple.config.TxnConflictException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** A {@link ConfigClient} on the {@code /api/config/} API of a running {@code ripple up} ({@link ConfigRoutes}). */
final class HttpConfigClient implements ConfigClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MS = 25_000;

    private final String base;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param adminToken sent as {@code Authorization: Bearer}; null or blank for none */
    HttpConfigClient(String base, String adminToken) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.trim();
    }

    @Override
    public String describe() {
        return "ripple up at " + base;
    }

    @Override
    public Listing list(String prefix) {
        return ConfigWire.listing(send("GET", "/api/config/entries?prefix=" + enc(prefix), null, null, TIMEOUT));
    }

    @Override
    public Optional<Entry> get(String key) {
        try {
            return Optional.of(ConfigWire.entry(send("GET", "/api/config/entry?key=" + enc(key), null, null,
                    TIMEOUT)));
        } catch (KeyVanishedException absent) {
            return Optional.empty();
        }
    }

    @Override
    public long put(String key, String text, long expectedModRevision) {
        String ifMatch = expectedModRevision < 0 ? null : "\"" + expectedModRevision + "\"";
        return send("PUT", "/api/config/entry?key=" + enc(key), text, ifMatch, TIMEOUT).path("revision").asLong();
    }

    @Override
    public boolean delete(String key) {
        try {
            send("DELETE", "/api/config/entry?key=" + enc(key), null, null, TIMEOUT);
            return true;
        } catch (KeyVanishedException absent) {
            return false;
        }
    }

    @Override
    public int deletePrefix(String prefix) {
        return send("DELETE", "/api/config/entries?prefix=" + enc(prefix), null, null, TIMEOUT).path("deleted")
                .asInt();
    }

    @Override
    public ConfigImport.Result importFile(String text, boolean sync) {
        return ConfigWire.result(send("POST", "/api/config/import?sync=" + sync, text, null, TIMEOUT));
    }

    @Override
    public CheckReport check() {
        return ConfigWire.report(send("GET", "/api/config/check", null, null, TIMEOUT));
    }

    @Override
    public void watch(String prefix, long fromRevision, Predicate<ChangeEvent> sink) {
        long from = fromRevision;
        while (true) {
            JsonNode poll = send("GET", "/api/config/watch?prefix=" + enc(prefix) + "&from=" + from
                    + "&timeout_ms=" + POLL_MS, null, null, Duration.ofMillis(POLL_MS).plus(TIMEOUT));
            for (JsonNode event : poll.path("events")) {
                if (!sink.test(ConfigWire.event(event))) {
                    return;
                }
            }
            from = poll.path("next").asLong();
        }
    }

    private JsonNode send(String method, String path, String body, String ifMatch, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, UTF_8));
        if (body != null) {
            // documents are YAML or JSON, and JSON is YAML: the type the server's AdminToken guard accepts
            request.header("Content-Type", "application/yaml; charset=utf-8");
        }
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            throw new StoreUnavailableException(describe() + " is not answering (" + e + "); is it still "
                    + "running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting for " + describe(), e);
        }
        JsonNode json;
        try {
            json = ConfigWire.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ConfigException(describe() + " answered " + response.statusCode() + " with something that is "
                    + "not JSON; is it a ripple up?", e);
        }
        if (response.statusCode() >= 400) {
            throw error(json);
        }
        return json;
    }

    /** The config module's exception for a problem document. */
    private static ConfigException error(JsonNode problem) {
        String type = problem.path("type").asText().replace(ProblemDetail.TYPE_BASE, "");
        String key = problem.path("key").isTextual() ? problem.path("key").asText() : null;
        String detail = problem.path("detail").asText();
        return switch (type) {
            case "invalid-document" -> new InvalidDocumentException(key, ConfigWire.problems(problem.path("problems")));
            case "invalid-config" -> new InvalidConfigException("Import refused",
                    ConfigWire.configProblems(problem.path("problems")));
            case "key-exists" -> new KeyExistsException(key);
            case "key-not-found" -> new KeyVanishedException(key);
            case "conflict" -> new TxnConflictException(1, key == null ? Set.of() : Set.of(key));
            case "store-unavailable" -> new StoreUnavailableException(detail, null);
            default -> new ConfigException(detail);
        };
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads are daemons
    }
}
