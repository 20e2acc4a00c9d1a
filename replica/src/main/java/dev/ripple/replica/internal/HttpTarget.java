package dev.ripple.replica.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.events.Op;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.HttpTargetConfig;
import dev.ripple.replica.ReplicaException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP replica target (DESIGN.md 7): {@code PUT <base>/<url-encoded key>} with the body ({@code DELETE} for a
 * delete), the dot in {@code Ripple-Dot} and the revision in {@code Ripple-Revision}; a target holding something
 * newer answers 412. 2xx and 412 are done. Each call is retried (resilience4j {@link Retry}) through a
 * {@link CircuitBreaker}; while the breaker is open, calls fail at once with {@link CallNotPermittedException} and
 * the applier keeps the partition paused. Thread-safe.
 *
 * <p>A batch's records go out in order on one sender thread, each request blocking on a persistent HTTP/1.1
 * connection; the target has one sender thread (so at most one connection) per source partition, as many as there
 * can be batches in flight. The JDK client's asynchronous path, one request after the other per partition, spent
 * most of its time handing each request and its answer between selector, executor and retry threads (JFR of the
 * {@code http-sink} benchmark); blocking sends on threads of their own also measured about twice the throughput in
 * the cache purger.
 */
final class HttpTarget {
    static final String DOT = "Ripple-Dot";
    static final String REVISION = "Ripple-Revision";
    static final String OP = "Ripple-Op";

    private final URI base;
    /** {@code base} without trailing slashes, then one: each record's key is appended to it. */
    private final String keyPrefix;
    private final HttpClient client;
    private final HttpTargetConfig config;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ExecutorService senders;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** @param connections sender threads, each with at most one connection: the partitions that may send at once */
    HttpTarget(String region, URI base, HttpTargetConfig config, Clock clock, int connections) {
        this.base = base;
        this.keyPrefix = base.toString().replaceAll("/+$", "") + "/";
        this.config = config;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout()).build();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(connections, runnable -> {
            Thread thread = new Thread(runnable, "ripple-replica-http-" + region + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        String name = region + ":" + base;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(config.failureRatePercent())
                .slidingWindowSize(config.slidingWindowCalls())
                .minimumNumberOfCalls(config.minimumCalls())
                .waitDurationInOpenState(config.openWait())
                .clock(clock)
                .build());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .waitDuration(config.retryWait())
                .ignoreExceptions(CallNotPermittedException.class, InterruptedException.class)
                .build());
    }

    URI base() {
        return base;
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    /**
     * Delivers {@code records} in order, each once the one before it is done; completes when the target has them
     * all (2xx or 412), fails with the first record whose retries are spent (the records before it are delivered,
     * and are idempotent by dot when the batch is tried again).
     */
    CompletableFuture<Void> deliverAll(List<ReplicationRecord> records) {
        return CompletableFuture.runAsync(() -> {
            for (ReplicationRecord record : records) {
                try {
                    Retry.decorateCheckedRunnable(retry, CircuitBreaker.decorateCheckedRunnable(breaker,
                            () -> send(record))).run();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Throwable e) {
                    throw new CompletionException(e);
                }
            }
        }, senders);
    }

    /** Stops the sender threads; a batch in flight fails (its records are sent again by the next owner). */
    void close() {
        senders.shutdownNow();
    }

    private void send(ReplicationRecord record) throws IOException, InterruptedException {
        EditEvent event = record.event();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keyPrefix
                        + URLEncoder.encode(event.key(), StandardCharsets.UTF_8)))
                .timeout(config.requestTimeout())
                .header(DOT, record.source().dot().toString())
                .header(OP, event.op().wireName());
        if (event.revision() != null) {
            request.header(REVISION, event.revision().toString());
        }
        if (event.op() == Op.DELETE) {
            request.DELETE();
        } else {
            if (event.contentType() != null) {
                request.header("Content-Type", event.contentType());
            }
            request.PUT(event.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(event.body(), StandardCharsets.UTF_8));
        }
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            failed.incrementAndGet();
            throw e;
        }
        if ((status >= 200 && status < 300) || status == 412) {
            succeeded.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        throw new ReplicaException("HTTP replica target " + base + " answered " + status + " for dot "
                + record.source().dot());
    }
}
