package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ProducerDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.ProblemDetail;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.Publisher;
import dev.ripple.producer.WriteThrottle;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /v1/events}: one event or an array. Checks, in order: producer token (401/403), body size (413),
 * JSON (400), batch size (400/413), each event (schema, stream, permission, size), the producer's rate (429) and
 * conit throttles (429); dead-letters refused events; publishes the rest and answers per {@link IntakeReply}.
 * Nothing is written to a stream topic unless it passed every check.
 */
final class EventsEndpoint implements Handler {
    static final String SESSION_TOKEN = "Ripple-Session-Token";

    private final IntakeConfig config;
    private final Supplier<ConfigSnapshot> snapshot;
    private final EventPreparer preparer;
    private final ProducerAuth auth;
    private final RateLimits rateLimits;
    private final WriteThrottle throttle;
    private final IntakeDeadLetters deadLetters;
    private final IntakeReply reply;
    private final IntakeMetrics metrics;

    EventsEndpoint(IntakeConfig config, Supplier<ConfigSnapshot> snapshot, EventPreparer preparer,
            ProducerAuth auth, WriteThrottle throttle, IntakeDeadLetters deadLetters, Publisher publisher,
            IntakeMetrics metrics) {
        this.config = config;
        this.snapshot = snapshot;
        this.preparer = preparer;
        this.auth = auth;
        this.rateLimits = new RateLimits();
        this.throttle = throttle;
        this.deadLetters = deadLetters;
        this.reply = new IntakeReply(publisher, config.publishTimeout(), metrics);
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
        invalid.forEach(refused -> deadLetters.send(refused, producerId));
        metrics.refused(invalid);
        if (valid.isEmpty()) {
            reply.allRefused(ctx, invalid);
            return;
        }
        if (producer.isPresent() && !rateLimits.tryAcquire(producer.get(), valid.size())) {
            metrics.rateLimited(valid.size());
            ctx.header("Retry-After", "1");
            HttpProblems.send(ctx, 429, "rate-limited", "Too Many Requests", "Producer '" + producerId
                    + "' is over its rate of " + producer.get().ratePerSecond() + " events/s; nothing was written. "
                    + "Retry after 1 s, or raise rate_per_second in /ripple/producers/" + producerId + ".");
            return;
        }
        List<IntakeReply.Throttled> throttled = new ArrayList<>();
        List<Prepared.Valid> admitted = new ArrayList<>();
        for (Prepared.Valid v : valid) {
            Optional<WriteThrottle.Throttled> verdict = throttle.check(v.event());
            verdict.ifPresentOrElse(t -> throttled.add(new IntakeReply.Throttled(v, t)), () -> admitted.add(v));
        }
        boolean hasty = "true".equalsIgnoreCase(ctx.queryParam("hasty"));
        reply.publish(ctx, admitted, invalid, throttled, ctx.header(SESSION_TOKEN), hasty);
    }

    private Optional<ProducerDoc> authenticate(Context ctx, ConfigSnapshot current) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ripple\"");
            HttpProblems.send(ctx, 401, "missing-producer-token", "Unauthorized",
                    "Send your producer token as 'Authorization: Bearer <token>'.");
            return Optional.empty();
        }
        Optional<ProducerDoc> producer = auth.authenticate(header.substring(7).trim(), current);
        if (producer.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ripple\", error=\"invalid_token\"");
            HttpProblems.send(ctx, 401, "bad-producer-token", "Unauthorized",
                    "The producer token is unknown, disabled or rotated; ask for a current one.");
        }
        return producer;
    }

    /** The request's events, or null when the request was answered with an error. */
    private List<JsonNode> readEvents(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > config.maxBodyBytes()) {
            tooLarge(ctx, declared);
            return null;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > config.maxBodyBytes()) {
            tooLarge(ctx, body.length);
            return null;
        }
        metrics.body(body.length);
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            HttpProblems.send(ctx, 400, "malformed-json", "Bad Request", "The body is not JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ". Nothing was written.");
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            HttpProblems.send(ctx, 400, "empty-body", "Bad Request", "Send one event (a JSON object) or an array.");
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
                    + "; split it. Nothing was written.").with("limit", config.maxBatchEvents()));
            return null;
        }
        return events;
    }

    private void tooLarge(Context ctx, long bytes) {
        metrics.limitHit("max_body_bytes");
        HttpProblems.send(ctx, ProblemDetail.of(413, "body-too-large", "Content Too Large", "The body is " + bytes
                + " bytes, over the limit of " + config.maxBodyBytes() + "; send fewer events per request. "
                + "Nothing was written.").with("limit", config.maxBodyBytes()));
    }

    static List<EditEvent> events(List<Prepared.Valid> valid) {
        return valid.stream().map(Prepared.Valid::event).toList();
    }
}
