package dev.ripple.replica.internal;

import dev.ripple.events.EditEvent;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.Op;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.ResourceKeys;
import dev.ripple.replica.HttpTargetConfig;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.failure.FailureKind;
import dev.ripple.runtime.failure.Failures;
import dev.ripple.runtime.failure.GaveUpException;
import dev.ripple.runtime.failure.TargetException;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.runtime.http.Guard;
import dev.ripple.runtime.http.GuardListener;
import dev.ripple.runtime.http.GuardOptions;
import dev.ripple.runtime.http.HttpSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP replica target (DESIGN.md 7): {@code PUT <base>/<percent-encoded key>} with the body ({@code DELETE} for a
 * delete), the dot in {@code Ripple-Dot} and the revision in {@code Ripple-Revision}; a target holding something
 * newer answers 412. 2xx and 412 are done. Calls go through the runtime's {@link Guard} (fail-fast: retried with
 * backoff, then the batch fails and the applier keeps the partition paused; while the breaker is open, calls fail
 * at once) and {@link HttpSender} (one sender thread and connection per source partition). A record the target
 * refuses (another 4xx) goes to the region's dead-letter topic, and the next record goes on once Kafka
 * acknowledged it. Thread-safe.
 */
final class HttpTarget {
    static final String DOT = "Ripple-Dot";
    static final String REVISION = "Ripple-Revision";
    static final String OP = "Ripple-Op";
    private static final Logger log = LoggerFactory.getLogger(HttpTarget.class);

    /** A record of the region topic that is to be sent: its partition and offset, for its dead letter. */
    record Delivery(String topic, int partition, long offset, ReplicationRecord record) {}

    private final URI base;
    /** {@code base} without trailing slashes, then one: each record's key is appended to it. */
    private final String keyPrefix;
    private final String name;
    private final HttpSender sender;
    private final Guard guard;
    private final Function<DeadLetter, CompletableFuture<Void>> deadLetters;
    private final Clock clock;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param connections sender threads, each with at most one connection: the partitions that may send at once
     * @param deadLetters writes a refused record's dead letter; completes once Kafka acknowledged it
     */
    HttpTarget(String region, URI base, HttpTargetConfig config, Clock clock, int connections,
            ScheduledExecutorService scheduler, Function<DeadLetter, CompletableFuture<Void>> deadLetters) {
        this.base = base;
        this.keyPrefix = base.toString().replaceAll("/+$", "") + "/";
        this.name = region + ":" + base;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.sender = HttpSender.create("ripple-replica-http-" + region, config.requestTimeout(), connections,
                List.of(base));
        this.guard = Guard.create(name, config.policy(), GuardOptions.failingFast(Math.max(1, connections)), clock,
                scheduler, GuardListener.NONE);
    }

    URI base() {
        return base;
    }

    BreakerState breakerState() {
        return guard.state();
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    /**
     * Delivers {@code records} in order, each once the one before it is done; completes when the target has them
     * all (2xx or 412) or refused some and their dead letters are acknowledged; fails with the first record whose
     * retries are spent, or at once while the breaker is open (the records before it are delivered, and are
     * idempotent by dot when the batch is tried again).
     */
    CompletableFuture<Void> deliverAll(List<Delivery> records) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Delivery delivery : records) {
            chain = chain.thenCompose(done -> deliver(delivery));
        }
        return chain;
    }

    /** Stops the sender threads; a batch in flight fails (its records are sent again by the next owner). */
    void close() {
        sender.close();
    }

    private CompletableFuture<Void> deliver(Delivery delivery) {
        return guard.<Integer>call(1, () -> send(delivery.record())).handle((status, error) -> {
            if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Throwable cause = Failures.unwrap(error);
            if (cause instanceof GaveUpException gaveUp && gaveUp.kind() == FailureKind.REFUSED) {
                log.warn("HTTP replica target {} refused {}-{}@{} (key {}): {}; dead-lettering it", name,
                        delivery.topic(), delivery.partition(), delivery.offset(), delivery.record().key(),
                        Failures.describe(gaveUp.getCause()));
                return deadLetters.apply(new DeadLetter(new FailedRecord(delivery.topic(), delivery.partition(),
                        delivery.offset(), delivery.record().key(), EventSerdes.regionRecord().serialize(
                                delivery.topic(), delivery.record())), Failures.describe(gaveUp.getCause()),
                        gaveUp.attempts(), clock.instant()));
            }
            return CompletableFuture.<Void>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    private CompletableFuture<Integer> send(ReplicationRecord record) {
        EditEvent event = record.event();
        Map<String, String> headers = new HashMap<>();
        headers.put(DOT, record.source().dot().toString());
        headers.put(OP, event.op().wireName());
        if (event.revision() != null) {
            headers.put(REVISION, event.revision().toString());
        }
        URI uri = URI.create(keyPrefix + ResourceKeys.pathSegment(event.key()));
        HttpSender.Request request = event.op() == Op.DELETE
                ? new HttpSender.Request("DELETE", uri, headers, null, null)
                : new HttpSender.Request("PUT", uri, headers,
                        event.body() == null ? new byte[0] : event.body().getBytes(StandardCharsets.UTF_8),
                        event.contentType());
        return sender.send(base, request).handle((status, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                throw error instanceof RuntimeException r ? r : new CompletionException(error);
            }
            if ((status >= 200 && status < 300) || status == 412) {
                succeeded.incrementAndGet();
                return status;
            }
            failed.incrementAndGet();
            throw TargetException.status(name, base.toString(), status);
        });
    }
}
