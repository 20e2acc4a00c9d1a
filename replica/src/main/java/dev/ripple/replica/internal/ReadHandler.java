package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.SessionTokenException;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.ReadApiConfig;
import dev.ripple.replica.RegionPositions;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.StoredPosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read API's logic (DESIGN.md 6.1), independent of HTTP: check the request, decide whether the region can
 * serve it now (its applied position covers the session and meets the staleness bound), else wait for that without
 * polling, redirect or refuse; then read the object and its partition's position atomically and answer with the
 * merged session token. Thread-safe; nothing blocks.
 */
final class ReadHandler {
    private static final Logger log = LoggerFactory.getLogger(ReadHandler.class);

    private final ReadApiConfig config;
    private final SessionTokenCodec tokens;
    private final Map<String, ReplicaStore> stores;
    private final RegionPositions board;
    private final Clock clock;
    private final ReadMetrics metrics;
    private final ReadAnswers answers;

    ReadHandler(ReadApiConfig config, SessionTokenCodec tokens, Map<String, ReplicaStore> stores,
            RegionPositions board, dev.ripple.replica.ReadGate gate, Clock clock, ReadMetrics metrics) {
        this.config = config;
        this.tokens = tokens;
        this.stores = Map.copyOf(stores);
        this.board = board;
        this.clock = clock;
        this.metrics = metrics;
        this.answers = new ReadAnswers(config, tokens, board, gate, clock);
    }

    /** One read: all arguments as they came (headers may be null). Never fails; errors are answers. */
    CompletableFuture<ReadAnswer> read(String region, String key, String token, String maxStaleness,
            String onViolation) {
        long start = clock.millis();
        CompletableFuture<ReadAnswer> answer;
        try {
            answer = checked(region, key, token, maxStaleness, onViolation, start);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(e -> unavailable(region, e)).whenComplete((a, e) -> {
            metrics.read(stores.containsKey(region) ? region : "-", a.outcome());
            metrics.latency.record(java.time.Duration.ofMillis(clock.millis() - start));
        });
    }

    private CompletableFuture<ReadAnswer> checked(String region, String key, String token, String maxStaleness,
            String onViolation, long start) {
        ReplicaStore store = stores.get(region);
        if (store == null) {
            return done(ReadAnswer.problem(404, "unknown-region", "unknown-region", "Unknown region",
                    "No region '" + ReadHeaders.printable(region) + "' is served here; regions: "
                            + new TreeSet<>(stores.keySet()) + "."));
        }
        if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > config.maxKeyBytes()) {
            return done(ReadAnswer.problem(400, "bad-request", "invalid-key", "Invalid key",
                    "A key is 1 to " + config.maxKeyBytes() + " bytes of UTF-8."));
        }
        ReadRequest request;
        try {
            ReadHeaders.OnViolation violation = ReadHeaders.onViolation(onViolation, config.defaultWait().toMillis());
            if (violation.waitMs() > config.maxWait().toMillis()) {
                metrics.waitCapped.increment();
                violation = new ReadHeaders.OnViolation(violation.mode(), config.maxWait().toMillis());
            }
            request = new ReadRequest(region, key, partitionOf(key), session(region, token),
                    ReadHeaders.maxStaleness(maxStaleness), violation, start);
        } catch (ReadHeaders.BadHeader e) {
            return done(ReadAnswer.problem(400, "bad-request", "invalid-header", "Invalid header", e.getMessage()));
        } catch (SessionTokenException e) {
            boolean stale = e.reason() == SessionTokenException.Reason.STALE_EPOCH;
            return done(ReadAnswer.problem(stale ? 410 : 400, stale ? "stale-token" : "bad-token",
                    stale ? "stale-session-token" : "invalid-session-token",
                    stale ? "Session token from an older epoch" : "Invalid session token", e.getMessage()));
        }
        return ready(request, store).thenCompose(ok -> ok ? answers.serve(request, store, 0) : violated(request, store));
    }

    /** Is the region ready now? If the board says no, the store itself is asked for the partitions in question. */
    private CompletableFuture<Boolean> ready(ReadRequest request, ReplicaStore store) {
        Optional<RegionPosition> known = board.current(request.region());
        if (known.isPresent() && answers.satisfies(request, known.get())) {
            return CompletableFuture.completedFuture(true);
        }
        Set<Integer> partitions = new TreeSet<>();
        partitions.add(request.partition());
        Position applied = known.map(RegionPosition::applied).orElse(Position.empty(config.epoch().current()));
        if (applied.epoch() == request.session().epoch()) {
            applied.missingFrom(request.session()).forEach(s -> partitions.add(s.partition().partition()));
        }
        List<CompletableFuture<StoredPosition>> reads = partitions.stream()
                .map(p -> store.position(p).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            board.offer(Positions.of(request.region(), config.epoch().current(), reads.stream().map(CompletableFuture::join)
                    .toList(), known.map(RegionPosition::publishedAt).orElse(Instant.EPOCH),
                    known.map(RegionPosition::rebuilding).orElse(Set.of())));
            return board.current(request.region()).map(p -> answers.satisfies(request, p)).orElse(false);
        });
    }

    private CompletableFuture<ReadAnswer> violated(ReadRequest request, ReplicaStore store) {
        ReadHeaders.OnViolation violation = request.onViolation();
        if (violation.mode() != ReadHeaders.Mode.WAIT || violation.waitMs() == 0) {
            return done(answers.conflict(request));
        }
        if (board.waiting() >= config.maxWaiters()) {
            metrics.waitersRejected.increment();
            return done(answers.conflict(request));
        }
        return board.await(request.region(), p -> answers.satisfies(request, p),
                        java.time.Duration.ofMillis(violation.waitMs()))
                .thenCompose(position -> {
                    if (position == null) {
                        return done(answers.conflict(request));
                    }
                    long waited = clock.millis() - request.startMs();
                    metrics.waits.record(java.time.Duration.ofMillis(waited));
                    return answers.serve(request, store, Math.max(waited, 1));
                });
    }

    /** The key's source partition, as Kafka's default partitioner placed it. */
    int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % config.partitions();
    }

    /**
     * The session of {@code token} in the epoch in force: the config's, or the region's if it has already moved on
     * (so a token of the epoch it left is refused as stale, not held as unsatisfiable).
     */
    private Position session(String region, String token) {
        long epoch = Math.max(config.epoch().current(), board.current(region).map(p -> p.applied().epoch()).orElse(0L));
        if (token == null || token.isBlank()) {
            return Position.empty(epoch);
        }
        return tokens.decode(token.trim(), epoch).position();
    }

    private ReadAnswer unavailable(String region, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        log.warn("Read in region {} failed: {}", region, cause.toString());
        return ReadAnswer.problem(503, "unavailable", "replica-unavailable", "Replica unavailable",
                "The replica store of region " + ReadHeaders.printable(region) + " could not answer; retry later.",
                Map.of("Retry-After", Long.toString(config.retryAfter().toSeconds())), Map.of());
    }

    private static CompletableFuture<ReadAnswer> done(ReadAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
