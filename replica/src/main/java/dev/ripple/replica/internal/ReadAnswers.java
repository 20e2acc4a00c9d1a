package dev.ripple.replica.internal;

import dev.ripple.consistency.EpochMismatchException;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionGuarantees;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.Op;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.ObjectRead;
import dev.ripple.replica.ReadApiConfig;
import dev.ripple.replica.RegionPositions;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.StoredObject;
import dev.ripple.replica.StoredPosition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The read API's verdicts and answers: can a region serve a request, the 200/404 of a served read, the 409. */
final class ReadAnswers {
    private static final String REBUILDING = "is rebuilding partition %d from the latest state (its replica store "
            + "lost its data, or the region is new)";
    private final ReadApiConfig config;
    private final SessionTokenCodec tokens;
    private final RegionPositions board;
    private final dev.ripple.replica.ReadGate gate;
    private final Clock clock;

    ReadAnswers(ReadApiConfig config, SessionTokenCodec tokens, RegionPositions board,
            dev.ripple.replica.ReadGate gate, Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.board = board;
        this.gate = gate;
        this.clock = clock;
    }

    /** Does {@code position} cover the session and meet the staleness bound of the request? */
    boolean satisfies(ReadRequest request, RegionPosition position) {
        if (!position.serves(request.partition())) {
            return false;
        }
        try {
            if (!SessionGuarantees.canServeRead(request.session(), position.applied())) {
                return false;
            }
        } catch (EpochMismatchException e) {
            return false;
        }
        return (request.bound().isNone() || staleness(position, request.partition()).within(request.bound()))
                && gate.closed(position.region(), request.key()).isEmpty();
    }

    private Staleness staleness(RegionPosition position, int partition) {
        return Staleness.of(position, board.all().values(), partition, clock.instant());
    }

    /** Reads the object with its partition's position and answers 200, or 404 for an absent or deleted key. */
    CompletableFuture<ReadAnswer> serve(ReadRequest request, ReplicaStore store, long waitedMs) {
        return store.read(request.partition(), request.key()).toCompletableFuture().thenApply(read -> {
            RegionPosition known = board.current(request.region()).orElse(Positions.of(request.region(),
                    config.epoch().current(), List.of(), clock.instant(), Set.of()));
            Optional<String> lost = notServing(request, read.position(), known).or(() -> behindSession(request,
                    read.position()));
            if (lost.isPresent()) {
                return storeLost(request, lost.get());
            }
            // stamped as the known position, not now: a read's offer must not outrank what the applier says next
            board.offer(Positions.withPartition(known, read.position(), known.publishedAt()));
            RegionPosition applied = Positions.withPartition(known, read.position(), clock.instant());
            return answer(request, read, applied, waitedMs);
        });
    }

    private ReadAnswer answer(ReadRequest request, ObjectRead read, RegionPosition applied, long waitedMs) {
        Position position = applied.applied();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ReadHeaders.APPLIED_POSITION, position.toJson());
        headers.put(ReadHeaders.SERVED_BY, request.region() + "; waited=" + waitedMs);
        headers.put(ReadHeaders.STALENESS, Long.toString(staleness(applied, request.partition()).ms()));
        Optional<StoredObject> found = read.found();
        Position session = request.session();
        if (found.isPresent()) {
            session = SessionGuarantees.afterRead(session, position, found.get().dot().partition());
        } else {
            for (TopicPartitionKey entry : read.position().offsets().partitions()) {
                session = SessionGuarantees.afterRead(session, position, entry);
            }
        }
        headers.put(ReadHeaders.TOKEN, tokens.encode(session));
        String outcome = waitedMs > 0 ? "waited" : "ok";
        StoredObject object = found.orElse(null);
        if (object == null || object.deleted() || (object.op() == Op.INVALIDATE && object.body() == null)) {
            String why = object == null ? "has no object '" + ReadHeaders.printable(request.key()) + "'"
                    : object.deleted() ? "holds a tombstone for '" + ReadHeaders.printable(request.key())
                            + "': it was deleted at " + object.dot()
                    : "holds no body for '" + ReadHeaders.printable(request.key()) + "': it was invalidated at "
                            + object.dot();
            if (object != null) {
                headers.put("ETag", object.etag());
            }
            return ReadAnswer.problem(404, "not-found", "object-not-found", "Object not found",
                    "Region " + request.region() + " " + why + ".", headers, Map.of("region", request.region()));
        }
        headers.put("ETag", object.op() == Op.INVALIDATE ? "W/" + object.etag() : object.etag());
        if (object.op() == Op.INVALIDATE) {
            headers.put(ReadHeaders.INVALIDATED, object.dot().toString());
        }
        return ReadAnswer.ok(200, outcome, headers,
                object.contentType() == null ? "application/octet-stream" : object.contentType(), object.body());
    }

    /**
     * Why the partition read with {@code stored} must not be served, if it must not: its store is being rebuilt, or
     * holds nothing of a partition the region's applier had claimed (it lost its data and the applier has not
     * noticed yet). Either way a read would show the past, or a 404 for a key a session has seen.
     */
    private static Optional<String> notServing(ReadRequest request, StoredPosition stored, RegionPosition known) {
        if (stored.status() == StoredPosition.Status.REBUILDING || !known.serves(request.partition())) {
            return Optional.of(REBUILDING.formatted(request.partition()));
        }
        boolean claimed = known.applied().partitions().stream().anyMatch(e -> e.partition() == request.partition());
        if (stored.status() == StoredPosition.Status.ABSENT && claimed) {
            return Optional.of("has lost the data of partition " + request.partition() + " (its replica store holds "
                    + "no position for it, though the region had applied it); it is rebuilt automatically");
        }
        return Optional.empty();
    }

    /**
     * Why a store that serves must not answer this session: it holds less of the key's partition than the session
     * has seen (a failover to a copy that had not caught up, an older snapshot restored), if it does. Only a store
     * that lost data goes back: a healthy one holds at least what its applier published.
     */
    private static Optional<String> behindSession(ReadRequest request, StoredPosition stored) {
        Position session = request.session();
        if (session.epoch() != stored.offsets().epoch()) {
            return Optional.empty();
        }
        for (Map.Entry<TopicPartitionKey, Long> entry : session.offsets().entrySet()) {
            long has = stored.offsets().offset(entry.getKey());
            if (entry.getKey().partition() == request.partition() && has < entry.getValue()) {
                return Optional.of("holds " + entry.getKey() + " only up to " + has + ", behind the " + entry.getValue()
                        + " this session has seen: its replica store lost data, and the region rebuilds it");
            }
        }
        return Optional.empty();
    }

    /** 503 {@code region-store-lost}, naming a region that can serve the read if one can. */
    ReadAnswer storeLost(ReadRequest request, String why) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(config.retryAfter().toSeconds()));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("region", request.region());
        extensions.put("partition", request.partition());
        String redirect = request.onViolation().mode() == ReadHeaders.Mode.REFUSE ? null : redirect(request);
        if (redirect != null) {
            headers.put(ReadHeaders.REDIRECT_REGION, redirect);
            extensions.put("redirect_region", redirect);
        }
        String then = redirect != null ? " Region " + redirect + " can serve it now." : " Retry after "
                + config.retryAfter().toSeconds() + " s, or ask another region.";
        return ReadAnswer.problem(503, redirect != null ? "redirected" : "refused", "region-store-lost",
                "Region out of service", "Region " + request.region() + " " + why + "." + then, headers, extensions);
    }

    /** 409: session not available or staleness bound exceeded, naming another region that would serve it. */
    ReadAnswer conflict(ReadRequest request) {
        RegionPosition here = board.current(request.region()).orElse(Positions.of(request.region(),
                config.epoch().current(), List.of(), clock.instant(), Set.of()));
        if (!here.serves(request.partition())) {
            return storeLost(request, REBUILDING.formatted(request.partition()));
        }
        List<Position.Shortfall> missing = missing(request.session(), here.applied());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(config.retryAfter().toSeconds()));
        headers.put(ReadHeaders.APPLIED_POSITION, here.applied().toJson());
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("region", request.region());
        String redirect = request.onViolation().mode() == ReadHeaders.Mode.REFUSE ? null : redirect(request);
        if (redirect != null) {
            headers.put(ReadHeaders.REDIRECT_REGION, redirect);
            extensions.put("redirect_region", redirect);
        }
        String then = redirect != null ? " Region " + redirect + " can serve it now."
                : " Retry after " + config.retryAfter().toSeconds() + " s" + (request.onViolation().mode()
                        == ReadHeaders.Mode.REFUSE ? "." : ", or ask another region.");
        long epoch = request.session().epoch();
        if (!missing.isEmpty() || epoch > here.applied().epoch()) {
            if (!missing.isEmpty()) {
                extensions.put("missing", missing.stream().map(s -> Map.of("partition", s.partition().toString(),
                        "have", s.have(), "need", s.need())).toList());
            }
            String lacks = missing.isEmpty() ? "has not entered epoch " + epoch + " yet (it is in epoch "
                    + here.applied().epoch() + ")" : "has not yet applied what this session has seen: it lacks "
                    + describe(missing);
            return ReadAnswer.problem(409, redirect != null ? "redirected" : "refused", "session-not-available",
                    "Session not available in this region", "Region " + request.region() + " " + lacks + "." + then,
                    headers, extensions);
        }
        Optional<dev.ripple.replica.ReadGate.Closed> gated = gate.closed(request.region(), request.key());
        if (gated.isPresent()) {
            String outcome = redirect != null ? "redirected" : "refused";
            String detail = gated.get().detail() + then;
            return gated.get().unknown()
                    ? ReadAnswer.problem(redirect != null ? 409 : 503, outcome, "conit-status-unknown",
                            "Conit status unknown", detail, headers, extensions)
                    : ReadAnswer.problem(409, outcome, "staleness-bound-exceeded", "Staleness bound exceeded", detail,
                            headers, extensions);
        }
        Staleness staleness = staleness(here, request.partition());
        extensions.put("staleness_ms", staleness.ms());
        extensions.put("staleness_versions", staleness.versions());
        return ReadAnswer.problem(409, redirect != null ? "redirected" : "refused", "staleness-bound-exceeded",
                "Staleness bound exceeded", "Region " + request.region() + " is " + staleness.ms() + " ms and "
                        + staleness.versions() + " versions behind on partition " + request.partition()
                        + ", over the bound asked for." + then, headers, extensions);
    }

    private String redirect(ReadRequest request) {
        return board.all().values().stream()
                .filter(p -> !p.region().equals(request.region()) && satisfies(request, p))
                .map(RegionPosition::region).sorted().findFirst().orElse(null);
    }

    private static List<Position.Shortfall> missing(Position session, Position applied) {
        try {
            return applied.missingFrom(session);
        } catch (EpochMismatchException e) {
            return List.of();
        }
    }

    private static String describe(List<Position.Shortfall> missing) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < missing.size() && i < 5; i++) {
            Position.Shortfall s = missing.get(i);
            out.append(i == 0 ? "" : ", ").append(s.partition()).append(" up to ").append(s.need())
                    .append(" (has ").append(s.have()).append(')');
        }
        return out.append(missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "").toString();
    }
}
