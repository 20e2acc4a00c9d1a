package dev.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP client of the operator commands: talks to a {@code ripple ops} or {@code ripple up} server, the one
 * given with {@code --url} or else the running {@code ripple up} recorded in {@code up.json}.
 */
public final class OpsClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private OpsClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** @throws CliException when no URL is given and no {@code ripple up} runs here */
    public static OpsClient connect(String url) {
        if (url != null && !url.isBlank()) {
            return new OpsClient(url);
        }
        return new OpsClient(UpFile.locate().running().map(UpEndpoints::http).orElseThrow(() -> new CliException(
                "No ops server to ask: pass --url http://HOST:PORT of a 'ripple ops' (or 'ripple up'), set "
                        + "RIPPLE_OPS_URL, or start 'ripple up' here.")));
    }

    public String base() {
        return base;
    }

    /** GETs a JSON document. @throws CliException for an unreachable server or an error status */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
    }

    /** POSTs a JSON body, with {@code Authorization: Bearer token} when a token is given. */
    public JsonNode post(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new CliException(response.statusCode() + " from " + base + path + ": "
                        + body.path("detail").asText(response.body()));
            }
            return body;
        } catch (ConnectException e) {
            throw new CliException("Could not connect to " + base + ": is 'ripple ops' or 'ripple up' running there?");
        } catch (IOException e) {
            throw new CliException("Could not talk to " + base + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
