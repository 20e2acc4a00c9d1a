package dev.ripple.producer.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.producer.BatchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Publishes the admitted events of a request once per client {@code meta.id} within the retry window
 * ({@link RecentIds}): a retry of an acknowledged event gets its dot, a retry of one in flight waits for it (within
 * the caller's deadline), a retry of a failed one is published anew, and an id reused for a different event is
 * refused. The session token in the result covers every dot it answers with. Thread-safe.
 */
final class IdempotentPublisher {
    /**
     * A request's publishes.
     *
     * @param settled completes when every event's outcome is known (never with an event's failure); fails with a
     *     {@code SessionTokenException} for a bad token, and then nothing was sent or remembered
     * @param result the outcomes and the session token, built and signed by the calling thread; only once
     *     {@code settled} completed normally
     */
    record Pending(CompletableFuture<Void> settled, Supplier<BatchResult> result) {
        static Pending failed(RuntimeException e) {
            return new Pending(CompletableFuture.failedFuture(e), () -> {
                throw e;
            });
        }
    }

    private final KafkaPublisher publisher;
    private final RecentIds recent;
    private final IntakeMetrics metrics;

    /** @param recent null when retries are not recognised */
    IdempotentPublisher(KafkaPublisher publisher, RecentIds recent, IntakeMetrics metrics) {
        this.publisher = publisher;
        this.recent = recent;
        this.metrics = metrics;
    }

    /**
     * @param producer the producer's id, which scopes its events' ids
     * @param deadline after which no further event of the request is sent
     * @return the request's publishes, settled once each event's outcome is known
     */
    Pending publish(String producer, List<Prepared.Valid> admitted, String token, Instant deadline) {
        Position session;
        try {
            session = publisher.session(token);
        } catch (RuntimeException e) {
            return Pending.failed(e);
        }
        List<EditEvent> events = EventsEndpoint.events(admitted);
        List<CompletableFuture<Dot>> dots = new ArrayList<>(Collections.nCopies(events.size(), null));
        List<EditEvent> fresh = new ArrayList<>();
        List<byte[]> freshJson = new ArrayList<>();
        List<Integer> freshAt = new ArrayList<>();
        List<CompletableFuture<Dot>> firsts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EditEvent event = events.get(i);
            RecentIds.Claim claim = recent != null && admitted.get(i).idGiven() ? recent.claim(producer, event) : null;
            if (claim instanceof RecentIds.Claim.Retry retry) {
                dots.set(i, retry.outcome().thenApply(dot -> {
                    metrics.deduplicated();
                    return dot;
                }));
            } else if (claim instanceof RecentIds.Claim.Conflict conflict) {
                dots.set(i, CompletableFuture.failedFuture(new EventIdReusedException(producer, event.meta().stream(),
                        event.meta().id(), conflict.ageMillis())));
            } else {
                fresh.add(event);
                freshJson.add(admitted.get(i).json());
                freshAt.add(i);
                firsts.add(claim instanceof RecentIds.Claim.First first ? first.outcome() : null);
            }
        }
        List<CompletableFuture<Dot>> sent;
        try {
            sent = publisher.sendAll(fresh, freshJson, session, deadline);
        } catch (RuntimeException e) {
            firsts.stream().filter(f -> f != null).forEach(f -> f.completeExceptionally(e)); // forgotten, not stuck
            throw e;
        }
        for (int j = 0; j < fresh.size(); j++) {
            dots.set(freshAt.get(j), sent.get(j));
            sent.get(j).thenRun(metrics::acknowledged);
            CompletableFuture<Dot> first = firsts.get(j);
            if (first != null) {
                sent.get(j).whenComplete((dot, error) -> {
                    if (error != null) {
                        first.completeExceptionally(error);
                    } else {
                        first.complete(dot);
                    }
                });
            }
        }
        CompletableFuture<Void> settled = CompletableFuture.allOf(dots.toArray(CompletableFuture[]::new))
                .handle((done, failed) -> null);
        return new Pending(settled, () -> publisher.settled(events, dots, session));
    }
}
