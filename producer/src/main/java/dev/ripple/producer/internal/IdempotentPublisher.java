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

/**
 * Publishes the admitted events of a request once per client {@code meta.id} within the retry window
 * ({@link RecentIds}): a retry of an acknowledged event gets its dot, a retry of one in flight waits for it (within
 * the caller's deadline), a retry of a failed one is published anew, and an id reused for a different event is
 * refused. The session token in the result covers every dot it answers with. Thread-safe.
 */
final class IdempotentPublisher {
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
     * @return one outcome per event once each is settled; fails with a {@code SessionTokenException} for a bad
     *     token, and then nothing was sent or remembered
     */
    CompletableFuture<BatchResult> publish(String producer, List<Prepared.Valid> admitted, String token,
            Instant deadline) {
        Position session;
        try {
            session = publisher.session(token);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<EditEvent> events = EventsEndpoint.events(admitted);
        List<CompletableFuture<Dot>> dots = new ArrayList<>(Collections.nCopies(events.size(), null));
        List<EditEvent> fresh = new ArrayList<>();
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
                freshAt.add(i);
                firsts.add(claim instanceof RecentIds.Claim.First first ? first.outcome() : null);
            }
        }
        List<CompletableFuture<Dot>> sent;
        try {
            sent = publisher.sendAll(fresh, session, deadline);
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
        return publisher.results(events, dots, session);
    }
}
