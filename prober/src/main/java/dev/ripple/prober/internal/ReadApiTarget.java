package dev.ripple.prober.internal;

import dev.ripple.consistency.Position;
import dev.ripple.events.ResourceKeys;
import dev.ripple.prober.ProberMetricNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A region's replica, read through its read API as any reader reads it: {@code GET
 * /v1/regions/<region>/objects/<key>}, with no session token and {@code Ripple-On-Violation: refuse} so that a
 * gated read answers at once instead of waiting. Reads change nothing in the store.
 */
final class ReadApiTarget implements Target {
    private final String region;
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    ReadApiTarget(String region, URI base, HttpClient http, Duration timeout) {
        this.region = region;
        this.base = base;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public List<Place> places() {
        return List.of(new Place(region, ProberMetricNames.TARGET_REPLICA));
    }

    /** A replica's revisions only grow: once served, a write stays served. */
    @Override
    public boolean staysServed() {
        return true;
    }

    @Override
    public CompletableFuture<Check> check(SampledWrite write) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        URI uri = URI.create(root + "/v1/regions/" + ResourceKeys.pathSegment(region) + "/objects/"
                + ResourceKeys.pathSegment(write.key()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Ripple-On-Violation", "refuse")
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) ->
                error != null ? Check.failedLook(Hop.READ_API, "no answer from " + root, error)
                        : judge(write, response));
    }

    private static Check judge(SampledWrite write, HttpResponse<Void> response) {
        Optional<ServedVersion> served = ServedVersion.ofEtag(response.headers().firstValue("ETag").orElse(null));
        if (served.isPresent() && (response.statusCode() == 200 || response.statusCode() == 404)
                && write.servedBy(served.get().revision(), served.get().dot())) {
            return Check.consistent(served.get().toString());
        }
        String observed = "status " + response.statusCode() + served.map(v -> ", " + v).orElse("");
        Optional<Position> applied = response.headers().firstValue("Ripple-Applied-Position").flatMap(json -> {
            try {
                return Optional.of(Position.fromJson(json));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        // applied past the write yet serving older: the read path, not the applier
        return Check.stale(applied.map(p -> p.covers(write.dot())).orElse(false) ? Hop.READ_API : Hop.APPLIER,
                observed);
    }

    @Override
    public String toString() {
        return region + " replica at " + base;
    }
}
