package dev.ripple.producer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ProducerDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.ProblemDetail;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.WriteThrottle;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /v1/events}: one event or an array. Checks, in order: producer token (401; 429 when the client's
 * address failed too often), the body per {@link RequestBody} (415/413/400), batch size (400/413), each event
 * (schema, stream, permission, size), the producer's rate and burst (429/413) and conit throttles (429);
 * writes refused events to {@code ripple.refused.intake}; publishes the rest once per client {@code meta.id} ({@link IdempotentPublisher}) and
 * answers per {@link IntakeReply}. Nothing is written to a
 * stream topic unless it passed every check.
 */
final class EventsEndpoint implements Handler {
    static final String SESSION_TOKEN = "Ripple-Session-Token";

    private final IntakeConfig config;
    private final Supplier<ConfigSnapshot> snapshot;
    private final EventPreparer preparer;
    private final ProducerAuth auth;
    private final FailedAuths failedAuths;
    private final RequestBody body;
    private final RateLimits rateLimits;
    private final WriteThrottle throttle;
    private final IntakeDeadLetters deadLetters;
    private final IntakeReply reply;
    private final IntakeMetrics metrics;

    EventsEndpoint(IntakeConfig config, Supplier<ConfigSnapshot> snapshot, EventPreparer preparer,
            ProducerAuth auth, WriteThrottle throttle, IntakeDeadLetters deadLetters, IdempotentPublisher publisher,
            IntakeMetrics metrics, Clock clock) {
        this.config = config;
        this.snapshot = snapshot;
        this.preparer = preparer;
        this.auth = auth;
        this.failedAuths = new FailedAuths(config.limits(), clock);
        this.body = new RequestBody(config.limits(), metrics);
        this.rateLimits = new RateLimits(clock);
        this.throttle = throttle;
        this.deadLetters = deadLetters;
        this.reply = new IntakeReply(publisher, deadLetters, config.publishTimeout(), metrics, clock);
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        ConfigSnapshot current = snapshot.get();
        Optional<ProducerDoc> producer = Optional.empty();
        if (config.authRequired()) {
            producer = authenticate(ctx, current);
            if (producer.isEmpty()) {
                return;
            }
        }
        List<JsonNode> events = readEvents(ctx);
        if (events == null) {
            return;
        }
        List<Prepared.Valid> valid = new ArrayList<>();
        List<Prepared.Invalid> invalid = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Prepared prepared = preparer.prepare(i, events.get(i), current, producer);
            if (prepared instanceof Prepared.Valid v) {
                valid.add(v);
            } else {
                invalid.add((Prepared.Invalid) prepared);
            }
        }
        String producerId = producer.map(ProducerDoc::id).orElse("(anonymous)");
        invalid.forEach(refused -> deadLetters.refused(refused, producerId));
        metrics.refused(invalid);
        if (valid.isEmpty()) {
            reply.allRefused(ctx, invalid);
            return;
        }
        if (producer.isPresent() && !withinRate(ctx, producer.get(), valid.size())) {
            return;
        }
        List<IntakeReply.Throttled> throttled = new ArrayList<>();
        List<Prepared.Valid> admitted = new ArrayList<>();
        for (Prepared.Valid v : valid) {
            Optional<WriteThrottle.Throttled> verdict = throttle.check(v.event());
            verdict.ifPresentOrElse(t -> throttled.add(new IntakeReply.Throttled(v, t)), () -> admitted.add(v));
        }
        // Javalin parses every parameter on the first lookup: a cost per request when there is no query at all
        boolean hasty = ctx.queryString() != null && "true".equalsIgnoreCase(ctx.queryParam("hasty"));
        reply.publish(ctx, producerId, admitted, invalid, throttled, ctx.header(SESSION_TOKEN), hasty);
    }

    private Optional<ProducerDoc> authenticate(Context ctx, ConfigSnapshot current) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            metrics.authFailed("missing");
            ctx.header("WWW-Authenticate", "Bearer realm=\"ripple\"");
            HttpProblems.send(ctx, 401, "missing-producer-token", "Unauthorized",
                    "Send your producer token as 'Authorization: Bearer <producer-id>.<secret>'.");
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        Optional<ProducerDoc> producer = auth.cached(token, current);
        if (producer.isPresent()) {
            return producer;
        }
        String address = ctx.ip();
        Duration wait = failedAuths.reserve(address);
        if (!wait.isZero()) {
            metrics.limitHit("failed_auths");
            long seconds = TokenBucket.retryAfterSeconds(wait);
            ctx.header("Retry-After", Long.toString(seconds));
            HttpProblems.send(ctx, ProblemDetail.of(429, "too-many-failed-authentications", "Too Many Requests",
                    "Too many failed producer authentications from " + address + "; the token was not checked. "
                    + "Retry after " + seconds + " s with a valid token (a token that worked before from here still "
                    + "works).").with("limit", config.limits().failedAuthBurst()));
            return Optional.empty();
        }
        producer = auth.verify(token, current);
        if (producer.isPresent()) {
            failedAuths.succeeded(address);
            return producer;
        }
        metrics.authFailed("bad-token");
        ctx.header("WWW-Authenticate", "Bearer realm=\"ripple\", error=\"invalid_token\"");
        HttpProblems.send(ctx, 401, "bad-producer-token", "Unauthorized", "The producer token is unknown, disabled, "
                + "rotated or not of the form <producer-id>.<secret>; ask for a current one.");
        return Optional.empty();
    }

    /** Takes the batch's share of the producer's rate, or answers 429 (fits later) or 413 (never fits). */
    private boolean withinRate(Context ctx, ProducerDoc producer, int events) {
        String where = "/ripple/producers/" + producer.id();
        RateLimits.Verdict verdict = rateLimits.tryAcquire(producer, events);
        if (verdict instanceof RateLimits.Verdict.Wait w) {
            metrics.rateLimited(events);
            metrics.limitHit("rate_per_second");
            long seconds = TokenBucket.retryAfterSeconds(w.retryIn());
            ctx.header("Retry-After", Long.toString(seconds));
            HttpProblems.send(ctx, ProblemDetail.of(429, "rate-limited", "Too Many Requests", "Producer '"
                    + producer.id() + "' is over its rate of " + w.ratePerSecond() + " events/s (burst " + w.burst()
                    + "); nothing was written. These " + events + " event(s) fit in " + seconds + " s: retry then, "
                    + "or raise rate_per_second or burst in " + where + ".").with("limit", w.burst()));
            return false;
        }
        if (verdict instanceof RateLimits.Verdict.NeverFits n) {
            metrics.rateLimited(events);
            metrics.limitHit("burst");
            HttpProblems.send(ctx, ProblemDetail.of(413, "batch-over-burst", "Content Too Large", "The batch has "
                    + events + " valid events, more than producer '" + producer.id() + "' may ever send at once "
                    + "(burst " + n.burst() + ", at " + n.ratePerSecond() + " events/s), so it can never pass; "
                    + "nothing was written. Split it into batches of at most " + n.burst() + " events, or raise "
                    + "burst in " + where + ".").with("limit", n.burst()));
            return false;
        }
        return true;
    }

    /** The request's events, or null when the request was answered with an error. */
    private List<JsonNode> readEvents(Context ctx) {
        JsonNode root = body.read(ctx);
        if (root == null) {
            return null;
        }
        List<JsonNode> events = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(events::add);
        } else {
            events.add(root);
        }
        if (events.isEmpty()) {
            HttpProblems.send(ctx, 400, "empty-batch", "Bad Request", "The array holds no events.");
            return null;
        }
        if (events.size() > config.maxBatchEvents()) {
            metrics.limitHit("max_batch_events");
            HttpProblems.send(ctx, ProblemDetail.of(413, "batch-too-large", "Content Too Large", "The batch has "
                    + events.size() + " events, over the limit of " + config.maxBatchEvents()
                    + " (max_batch_events); split it. Nothing was written.").with("limit", config.maxBatchEvents()));
            return null;
        }
        return events;
    }

    static List<EditEvent> events(List<Prepared.Valid> valid) {
        return valid.stream().map(Prepared.Valid::event).toList();
    }
}
