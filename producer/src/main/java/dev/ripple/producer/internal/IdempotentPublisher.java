package dev.ripple.producer.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.KafkaUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the admitted events of a request once per client {@code meta.id} within the retry window
 * ({@link RecentIds}): a retry of an acknowledged event gets its dot, a retry of one in flight waits for it (within
 * the caller's deadline), a retry of a failed one is published anew, a retry of one Kafka never answered is looked
 * for in its partition first ({@link UncertainWrites}), and an id reused for a different event is refused. The
 * session token in the result covers every dot it answers with. Thread-safe.
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

    private static final Logger log = LoggerFactory.getLogger(IdempotentPublisher.class);

    private final KafkaPublisher publisher;
    private final BiPredicate<String, Instant> topicExists;
    private final RecentIds recent;
    private final UncertainWrites uncertainWrites;
    private final IntakeMetrics metrics;

    /**
     * @param topicExists whether a stream's topic exists, waiting for a creation in progress within the deadline
     *     ({@link StreamTopics#awaitExists}); an event of one whose topic does not is answered 503 unsent
     * @param recent null when retries are not recognised
     * @param uncertainWrites looks for writes Kafka never answered when they are retried
     */
    IdempotentPublisher(KafkaPublisher publisher, BiPredicate<String, Instant> topicExists, RecentIds recent,
            UncertainWrites uncertainWrites, IntakeMetrics metrics) {
        this.publisher = publisher;
        this.topicExists = topicExists;
        this.recent = recent;
        this.uncertainWrites = uncertainWrites;
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
        // before any id is claimed: a wait for a new stream's topic holds back no claimed event
        Set<String> topicless = events.stream().map(event -> event.meta().stream()).distinct()
                .filter(stream -> !topicExists.test(stream, deadline)).collect(Collectors.toSet());
        for (int i = 0; i < events.size(); i++) {
            EditEvent event = events.get(i);
            if (topicless.contains(event.meta().stream())) {
                dots.set(i, CompletableFuture.failedFuture(new KafkaUnavailableException("The topic of stream '"
                        + event.meta().stream() + "' does not exist yet: Kafka is still creating it, was out of reach, "
                        + "or refused to create it (the intake's log says which), and the intake keeps trying. Event "
                        + event.meta().id() + " is not stored; retry.", null)));
                continue;
            }
            RecentIds.Claim claim = recent != null && admitted.get(i).idGiven() ? recent.claim(producer, event) : null;
            if (claim instanceof RecentIds.Claim.Retry retry) {
                dots.set(i, retry.outcome().thenApply(dot -> {
                    metrics.deduplicated();
                    return dot;
                }));
            } else if (claim instanceof RecentIds.Claim.Conflict conflict) {
                dots.set(i, CompletableFuture.failedFuture(new EventIdReusedException(producer, event.meta().stream(),
                        event.meta().id(), conflict.ageMillis())));
            } else if (claim instanceof RecentIds.Claim.Uncertain uncertain && settled(uncertain, event, deadline)) {
                dots.set(i, uncertain.outcome());
            } else {
                fresh.add(event);
                freshJson.add(admitted.get(i).json());
                freshAt.add(i);
                firsts.add(claim instanceof RecentIds.Claim.First first ? first.outcome()
                        : claim instanceof RecentIds.Claim.Uncertain uncertain ? uncertain.outcome() : null);
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

    /**
     * Settles a retry of a write Kafka never answered, unless it must be published anew: with the stored write's
     * dot, or with the uncertainty again when the look could not tell in time (the id stays remembered, the look
     * goes on, and the next retry finds its verdict).
     *
     * @return false when the partition does not hold it: the caller publishes it as a first publish
     */
    private boolean settled(RecentIds.Claim.Uncertain uncertain, EditEvent event, Instant deadline) {
        UncertainWrites.Verdict verdict = uncertainWrites.look(uncertain.write(), event, deadline);
        metrics.uncertainWrite(verdict);
        if (verdict instanceof UncertainWrites.Verdict.Written written) {
            metrics.deduplicated();
            uncertain.outcome().complete(written.dot());
            return true;
        }
        if (verdict instanceof UncertainWrites.Verdict.Unknown unknown) {
            log.debug("Could not tell whether Kafka stored event {}: {}", event.meta().id(), unknown.why());
            uncertain.outcome().completeExceptionally(uncertain.write());
            return true;
        }
        return false;
    }
}
