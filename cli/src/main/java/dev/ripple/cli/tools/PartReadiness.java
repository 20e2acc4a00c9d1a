package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A part's own answer to {@code GET /readyz}, for {@code ripple status --part}. */
final class PartReadiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param ready whether it answered 200
     * @param components each component and region, with the problem of each one that is down; or why the part
     *     did not answer
     */
    record Answer(boolean ready, String components) {}

    private PartReadiness() {}

    /**
     * A propagator's fan-out backlog ({@code GET /api/deps}: dependents, fanouts, drain_seconds, pending, rate_per_s,
     * lane_lag_ms); empty for a part that serves none (not a propagator) or does not answer.
     */
    static Optional<JsonNode> fanoutBacklog(String base) {
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/deps";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(EventJson.mapper().readTree(response.body()))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Answer ask(String base) {
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/readyz";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = EventJson.mapper().readTree(response.body());
            List<String> components = new ArrayList<>();
            body.path("components").forEach(c -> components.add(c.path("component").asText()
                    + ("none".equals(c.path("region").asText()) ? "" : " " + c.path("region").asText())
                    + (c.path("up").asBoolean() ? "" : " DOWN: " + c.path("problem").asText())));
            return new Answer(response.statusCode() == 200, String.join(", ", components));
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(false, "no answer from " + url + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "interrupted");
        }
    }
}
