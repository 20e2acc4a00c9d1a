package dev.ripple.prober.internal;

import dev.ripple.cachepurger.CacheNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP purge target's cache nodes, each asked for each of the write's URLs with a conditional {@code GET}:
 * {@code Cache-Control: only-if-cached} (RFC 9111 5.2.1.7), so a node answers from its cache or with 504 and never
 * fetches, fills or revalidates. A node serves the write unless it holds an entry older than it: one Ripple's
 * {@code ETag} says is of an older revision, or one stored (by its {@code Age}) before the write was acknowledged.
 */
final class HttpCacheTarget implements Target {
    private final Place place;
    private final List<URI> nodes;
    private final List<URI> urls;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    HttpCacheTarget(Place place, List<URI> nodes, List<URI> urls, HttpClient http, Duration timeout,
            Clock clock) {
        this.place = place;
        this.nodes = List.copyOf(nodes);
        this.urls = List.copyOf(urls);
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public List<Place> places() {
        return List.of(place);
    }

    /** An older entry can be filled after the purge: looked at at every delay. */
    @Override
    public boolean staysServed() {
        return false;
    }

    @Override
    public CompletableFuture<Check> check(SampledWrite write) {
        List<CompletableFuture<Check>> looks = new ArrayList<>();
        for (URI node : nodes) {
            for (URI url : urls) {
                looks.add(check(write, node, url));
            }
        }
        return CompletableFuture.allOf(looks.toArray(CompletableFuture[]::new)).thenApply(all -> looks.stream()
                .map(CompletableFuture::join).filter(c -> !c.consistent()).findFirst()
                .orElse(Check.consistent("no entry older than the write on " + nodes.size() + " node(s)")));
    }

    private CompletableFuture<Check> check(SampledWrite write, URI node, URI url) {
        HttpRequest request = HttpRequest.newBuilder(CacheNodes.requestUri(node, url)).timeout(timeout)
                .header("Cache-Control", "only-if-cached")
                .header(CacheNodes.FORWARDED_HOST, CacheNodes.forwardedHost(url)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) ->
                error != null ? Check.failedLook(Hop.CACHE_READ, node + " did not answer", error)
                        : judge(write, node, url, response));
    }

    private Check judge(SampledWrite write, URI node, URI url, HttpResponse<Void> response) {
        int status = response.statusCode();
        if (status == 504 || status == 404) {
            return Check.consistent(url + " not cached on " + node);
        }
        if (status / 100 != 2) {
            return Check.failed(Hop.CACHE_READ, node + " answered " + status + " for " + url);
        }
        Optional<ServedVersion> served = ServedVersion.ofEtag(response.headers().firstValue("ETag").orElse(null));
        if (served.isPresent() && !write.servedBy(served.get().revision(), served.get().dot())) {
            return Check.stale(Hop.CACHE_FILL, url + " on " + node + " holds " + served.get());
        }
        Optional<Long> age = response.headers().firstValue("Age").flatMap(HttpCacheTarget::seconds);
        Instant storedBy = clock.instant().minusSeconds(age.orElse(0L));
        if (served.isEmpty() && age.isPresent() && storedBy.isBefore(write.writtenAt())) {
            return Check.stale(Hop.PURGER, url + " on " + node + " was cached " + age.get() + " s ago, before the "
                    + "write");
        }
        return Check.consistent(url + " on " + node + " is newer than the write");
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return place + " " + nodes;
    }
}
