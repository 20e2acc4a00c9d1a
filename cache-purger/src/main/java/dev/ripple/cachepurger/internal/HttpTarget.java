package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CacheNodes;
import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.cachepurger.PurgeReceipt.TierAck;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.failure.GaveUpException;
import dev.ripple.runtime.failure.TargetException;
import dev.ripple.runtime.http.Guard;
import dev.ripple.runtime.http.HttpSender;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP cache in tiers (a CDN): every URL of a purge goes to every node of the first tier; the next tier starts
 * only once every node of the one before acknowledged (2xx, or 404: nothing cached). A request goes to the node's
 * address with the URL's path and query; the URL's host travels in {@code X-Forwarded-Host}. Requests go out
 * through the runtime's {@link HttpSender}, {@code connectionsPerNode} at a time per node.
 */
final class HttpTarget implements PurgeTarget {
    /** The source record a request purges for, so that a node's log ties requests to purges. */
    static final String PURGE_ID_HEADER = "Ripple-Purge-Id";

    private final PurgeTargetDoc doc;
    private final Guard guard;
    private final HttpSender sender;
    private final Clock clock;
    private final PurgerMetrics metrics;

    HttpTarget(PurgeTargetDoc doc, Guard guard, int connectionsPerNode, Clock clock, PurgerMetrics metrics) {
        this.doc = doc;
        this.guard = guard;
        this.clock = clock;
        this.metrics = metrics;
        List<URI> nodes = doc.tiers().stream().flatMap(tier -> tier.nodes().stream()).distinct().toList();
        this.sender = HttpSender.create("ripple-purger-http-" + doc.region() + "-" + doc.name(),
                Duration.ofMillis(doc.timeoutMs()), connectionsPerNode, nodes);
    }

    @Override
    public String name() {
        return doc.name();
    }

    @Override
    public Guard guard() {
        return guard;
    }

    @Override
    public CompletableFuture<List<Result>> purge(List<PurgeRequest> batch) {
        if (batch.size() == 1) { // what the target set sends: HTTP purges go one by one
            return purge(batch.get(0)).handle((ack, error) -> List.of(Result.of(ack, error)));
        }
        List<CompletableFuture<Result>> each = batch.stream().map(request -> purge(request).handle(Result::of))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(all -> each.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<TargetAck> purge(PurgeRequest request) {
        List<URI> urls;
        try {
            urls = request.urls().stream().map(URI::create).toList();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new GaveUpException(name(), 0, TargetException.refused(name(),
                    "not a URL: " + e.getMessage())));
        }
        CompletableFuture<List<TierAck>> tiers = CompletableFuture.completedFuture(List.of());
        if (!urls.isEmpty()) {
            for (PurgeTargetDoc.Tier tier : doc.tiers()) {
                tiers = tiers.thenCompose(done -> purgeTier(tier, urls, request).thenApply(ack -> {
                    List<TierAck> more = new ArrayList<>(done);
                    more.add(ack);
                    return more;
                }));
            }
        }
        return tiers.thenApply(acks -> new TargetAck(name(), acks, clock.instant()));
    }

    private CompletableFuture<TierAck> purgeTier(PurgeTargetDoc.Tier tier, List<URI> urls, PurgeRequest request) {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (URI node : tier.nodes()) {
            for (URI url : urls) {
                calls.add(guard.call(1, () -> send(tier.name(), node, url, request)));
            }
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(all -> new TierAck(tier.name(), calls.size(), clock.instant()));
    }

    private CompletableFuture<Integer> send(String tier, URI node, URI url, PurgeRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CacheNodes.FORWARDED_HOST, CacheNodes.forwardedHost(url));
        headers.put(PURGE_ID_HEADER, request.source().dot().toString());
        headers.putAll(doc.headers());
        if (sender.saturated(node)) {
            metrics.targetWait(name(), "node_connections");
        }
        return sender.send(node, new HttpSender.Request(doc.method(), CacheNodes.requestUri(node, url), headers, null, null))
                .thenApply(status -> {
                    metrics.httpRequest(name(), tier, status);
                    if (status / 100 != 2 && status != 404) {
                        throw TargetException.status(name(), node.toString(), status);
                    }
                    return status;
                });
    }

    @Override
    public void close() {
        sender.close();
    }
}
