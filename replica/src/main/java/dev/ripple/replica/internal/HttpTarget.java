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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP replica target (DESIGN.md 7): {@code PUT <base>/<url-encoded key>} with the body ({@code DELETE} for a
 * delete), the dot in {@code Ripple-Dot} and the revision in {@code Ripple-Revision}; a target holding something
 * newer answers 412. 2xx and 412 are done. Each call is retried (resilience4j {@link Retry}) through a
 * {@link CircuitBreaker}; while the breaker is open, calls fail at once with {@link CallNotPermittedException} and
 * the applier keeps the partition paused. Thread-safe.
 */
final class HttpTarget {
    static final String DOT = "Ripple-Dot";
    static final String REVISION = "Ripple-Revision";
    static final String OP = "Ripple-Op";

    private final URI base;
    private final HttpClient client;
    private final HttpTargetConfig config;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    HttpTarget(String region, URI base, HttpTargetConfig config, Clock clock, ScheduledExecutorService scheduler) {
        this.base = base;
        this.config = config;
        this.scheduler = scheduler;
        this.client = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
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
                .ignoreExceptions(CallNotPermittedException.class)
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

    /** Delivers one record; completes when the target has it (2xx or 412), fails when retries are spent. */
    CompletionStage<Void> deliver(ReplicationRecord record) {
        return Retry.decorateCompletionStage(retry, scheduler,
                CircuitBreaker.decorateCompletionStage(breaker, () -> send(record))).get();
    }

    private CompletionStage<Void> send(ReplicationRecord record) {
        EditEvent event = record.event();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/"
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
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            int status = response.statusCode();
            if ((status >= 200 && status < 300) || status == 412) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.<Void>failedFuture(new ReplicaException("HTTP replica target " + base
                    + " answered " + status + " for dot " + record.source().dot()));
        }).whenComplete((ok, error) -> (error == null ? succeeded : failed).incrementAndGet());
    }
}
