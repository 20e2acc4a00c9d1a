package dev.ripple.runtime.http.internal;

import dev.ripple.runtime.http.HttpSender;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/** {@link HttpSender} on Apache HttpClient 5's classic client; see there. */
public final class ApacheHttpSender implements HttpSender {
    private final CloseableHttpClient client;
    private final Map<URI, ThreadPoolExecutor> senders = new HashMap<>();

    /** @see HttpSender#create */
    public ApacheHttpSender(String name, Duration timeout, int connectionsPerNode, Collection<URI> nodes) {
        if (connectionsPerNode < 1) {
            throw new IllegalArgumentException("Invalid value " + connectionsPerNode
                    + " for configuration connections_per_node: must be at least 1");
        }
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        nodes.forEach(node -> senders.computeIfAbsent(node, n -> new ThreadPoolExecutor(connectionsPerNode,
                connectionsPerNode, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory)));
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
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
    public CompletableFuture<Integer> send(URI node, Request request) {
        ThreadPoolExecutor sender = sender(node);
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().forEach(builder::addHeader);
        if (request.body() != null) {
            builder.setEntity(request.body(), request.contentType() == null ? null
                    : ContentType.parseLenient(request.contentType()));
        }
        ClassicHttpRequest built = builder.build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.execute(built, response -> {
                    EntityUtils.consume(response.getEntity()); // the connection goes back to the pool for the next
                    return response.getCode();
                });
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, sender);
    }

    @Override
    public boolean saturated(URI node) {
        ThreadPoolExecutor sender = sender(node);
        return sender.getActiveCount() >= sender.getMaximumPoolSize();
    }

    private ThreadPoolExecutor sender(URI node) {
        ThreadPoolExecutor sender = senders.get(node);
        if (sender == null) {
            throw new IllegalArgumentException("Unknown node " + node + ": the sender knows " + senders.keySet());
        }
        return sender;
    }

    @Override
    public void close() {
        senders.values().forEach(ThreadPoolExecutor::shutdownNow);
        client.close(CloseMode.IMMEDIATE);
    }
}
