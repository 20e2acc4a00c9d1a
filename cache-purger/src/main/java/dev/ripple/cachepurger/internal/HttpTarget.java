package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.cachepurger.PurgeReceipt.TierAck;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.events.PurgeRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * An HTTP cache in tiers (a CDN): every URL of a purge goes to every node of the first tier; the next tier starts
 * only once every node of the one before acknowledged (2xx, or 404: nothing cached). A request goes to the node's
 * address with the URL's path and query; the URL's host travels in {@code X-Forwarded-Host}.
 *
 * <p>Each node has {@code connectionsPerNode} sender threads, each sending one request at a time on a persistent
 * (HTTP/1.1 keep-alive) connection from a pool of that many per node, so a node never has more connections or
 * requests in flight than that; requests beyond wait in the node's queue (whose length the target's bulkhead
 * bounds). The sender writes and reads its connection itself (Apache HttpClient's classic, blocking client): the JDK
 * client, even called blocking, hands every exchange between its selector and executor threads, which cost more CPU
 * than the purge on a busy machine.
 */
final class HttpTarget implements PurgeTarget {
    /** The source record a request purges for, so that a node's log ties requests to purges. */
    static final String PURGE_ID_HEADER = "Ripple-Purge-Id";

    private final PurgeTargetDoc doc;
    private final Guard guard;
    private final CloseableHttpClient client;
    private final Clock clock;
    private final PurgerMetrics metrics;
    private final Map<URI, ThreadPoolExecutor> senders = new HashMap<>();

    HttpTarget(PurgeTargetDoc doc, Guard guard, int connectionsPerNode, Clock clock, PurgerMetrics metrics) {
        this.doc = doc;
        this.guard = guard;
        this.clock = clock;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "ripple-purger-http-" + doc.region() + "-" + doc.name() + "-"
                    + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        doc.tiers().forEach(tier -> tier.nodes().forEach(node -> senders.computeIfAbsent(node, n ->
                new ThreadPoolExecutor(connectionsPerNode, connectionsPerNode, 0, TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(), factory))));
        Timeout limit = Timeout.ofMilliseconds(doc.timeoutMs());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(connectionsPerNode)
                        .setMaxConnTotal(Math.max(1, senders.size()) * connectionsPerNode)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).build())
                .disableAutomaticRetries() // the guard retries, with backoff and a breaker
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
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
        ClassicRequestBuilder purge = ClassicRequestBuilder.create(doc.method())
                .setUri(requestUri(node, url))
                .addHeader("X-Forwarded-Host", url.getRawAuthority() == null ? "" : url.getRawAuthority())
                .addHeader(PURGE_ID_HEADER, request.source().dot().toString());
        doc.headers().forEach(purge::addHeader);
        ClassicHttpRequest built = purge.build();
        ThreadPoolExecutor sender = senders.get(node);
        if (sender.getActiveCount() >= sender.getMaximumPoolSize()) {
            metrics.targetWait(name(), "node_connections");
        }
        return CompletableFuture.supplyAsync(() -> {
            int status;
            try {
                status = client.execute(built, response -> {
                    EntityUtils.consume(response.getEntity()); // the connection goes back to the pool for the next
                    return response.getCode();
                });
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            metrics.httpRequest(name(), tier, status);
            if (status / 100 != 2 && status != 404) {
                throw TargetException.status(name(), node.toString(), status);
            }
            return status;
        }, sender);
    }

    /** The node's address (and path prefix) with the URL's path and query. */
    static URI requestUri(URI node, URI url) {
        String base = node.toString().endsWith("/") ? node.toString().substring(0, node.toString().length() - 1)
                : node.toString();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(base + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    @Override
    public void close() {
        senders.values().forEach(ThreadPoolExecutor::shutdownNow);
        client.close(CloseMode.IMMEDIATE);
    }
}
