package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.consistency.SessionTokenException;
import dev.ripple.events.EventJson;
import dev.ripple.events.ProblemDetail;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.EventTooLargeException;
import dev.ripple.producer.KafkaUnavailableException;
import dev.ripple.producer.WriteThrottle;
import dev.ripple.runtime.server.JsonAnswer;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the admitted events of a request and answers: {@code 201} when every event was acknowledged (now or by
 * an earlier publish of its {@code meta.id}), {@code 202} in fire-and-forget mode, {@code 207} with one entry per
 * event when some were refused or failed, {@code 503} with {@code Retry-After} when Kafka took none within the
 * publish timeout, {@code 409} when every event reused an id for a different event, and the refusal's own status
 * when nothing was admitted.
 */
final class IntakeReply {
    /** An event a conit throttle turned away. */
    record Throttled(Prepared.Valid event, WriteThrottle.Throttled verdict) {}

    private static final String RETRY = "Retry with the same meta.id (set it yourself): this intake answers a "
            + "retry of an id it published recently with the first publish's outcome instead of writing it again.";

    private final IdempotentPublisher publisher;
    private final IntakeDeadLetters deadLetters;
    private final Duration timeout;
    private final IntakeMetrics metrics;
    private final Clock clock;

    IntakeReply(IdempotentPublisher publisher, IntakeDeadLetters deadLetters, Duration timeout, IntakeMetrics metrics,
            Clock clock) {
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.timeout = timeout;
        this.metrics = metrics;
        this.clock = clock;
    }

    void allRefused(Context ctx, List<Prepared.Invalid> invalid) {
        int status = invalid.stream().map(Prepared.Invalid::status).distinct().count() == 1
                ? invalid.get(0).status() : 400;
        String slug = switch (status) {
            case 403 -> "stream-not-allowed";
            case 413 -> "event-too-large";
            default -> "invalid-events";
        };
        String title = switch (status) {
            case 403 -> "Forbidden";
            case 413 -> "Content Too Large";
            default -> "Bad Request";
        };
        Prepared.Invalid first = invalid.get(0);
        HttpProblems.send(ctx, ProblemDetail.of(status, slug, title, invalid.size() + " of " + invalid.size()
                + " event(s) refused; nothing was written. Event " + first.index() + ": " + first.problems().get(0)
                + ". See errors for every problem and its JSON pointer.")
                .with("errors", invalid.stream().map(IntakeResults::refused).toList()));
    }

    void publish(Context ctx, String producer, List<Prepared.Valid> admitted, List<Prepared.Invalid> invalid,
            List<Throttled> throttled, String token, boolean hasty) {
        List<Map<String, Object>> entries = new ArrayList<>();
        invalid.forEach(i -> entries.add(IntakeResults.refused(i)));
        throttled.forEach(t -> entries.add(IntakeResults.throttled(t.event().index(), t.event().event().meta().id(),
                t.verdict().reason())));
        if (admitted.isEmpty()) {
            throttledOnly(ctx, entries, throttled, invalid.isEmpty());
            return;
        }
        Instant deadline = clock.instant().plus(timeout);
        IdempotentPublisher.Pending pending = publisher.publish(producer, admitted, token, deadline);
        if (hasty && !pending.settled().isDone()) {
            pending.settled().whenComplete((settled, error) -> {
                BatchResult result = error == null ? pending.result().get() : null;
                metrics.hastyOutcome(result, error);
                deadLetterHasty(producer, admitted, result, error);
            });
            admitted.forEach(v -> entries.add(IntakeResults.accepted(v.index(), v.event().meta().id())));
            if (token != null) {
                ctx.header(EventsEndpoint.SESSION_TOKEN, token);
            }
            answer(ctx, invalid.isEmpty() && throttled.isEmpty() ? 202 : 207, token, entries);
            return;
        }
        BatchResult result;
        long left = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            pending.settled().get(left, TimeUnit.MILLISECONDS);
            result = pending.result().get();
        } catch (TimeoutException e) {
            String why = "Kafka did not acknowledge the events within " + timeout.toMillis()
                    + " ms. They may or may not be stored. " + RETRY;
            if (invalid.isEmpty() && throttled.isEmpty()) {
                unavailable(ctx, true, why);
                return;
            }
            // the refused and throttled events keep their own answers; the admitted ones are 503
            metrics.limitHit("publish_timeout");
            ctx.header("Retry-After", "5");
            admitted.forEach(v -> entries.add(IntakeResults.failed(v.index(), new BatchResult.Outcome.Failed(
                    v.event().meta().id(), new KafkaUnavailableException(why, e)), 503)));
            answer(ctx, 207, null, entries);
            return;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SessionTokenException bad) {
                badToken(ctx, bad);
                return;
            }
            throw new IllegalStateException("Publishing failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(ctx, false, "The intake is shutting down. " + RETRY);
            return;
        }
        metrics.notWritten(result);
        for (int i = 0; i < admitted.size(); i++) {
            int index = admitted.get(i).index();
            BatchResult.Outcome outcome = result.outcomes().get(i);
            entries.add(outcome instanceof BatchResult.Outcome.Published p ? IntakeResults.published(index, p.result())
                    : IntakeResults.failed(index, (BatchResult.Outcome.Failed) outcome, statusOf(
                            (BatchResult.Outcome.Failed) outcome)));
        }
        ctx.header(EventsEndpoint.SESSION_TOKEN, result.sessionToken());
        if (result.nonePublished() && invalid.isEmpty() && throttled.isEmpty()) {
            noneWritten(ctx, left == 0, result, entries);
            return;
        }
        answer(ctx, result.allPublished() && invalid.isEmpty() && throttled.isEmpty() ? 201 : 207,
                result.sessionToken(), entries);
    }

    /**
     * Accepted (202) events that Ripple failed to write go to the intake's DLQ, since nobody else will know of them;
     * what the client got wrong (a bad session token, a reused id, an event too large) does not.
     */
    private void deadLetterHasty(String producer, List<Prepared.Valid> admitted, BatchResult result,
            Throwable error) {
        Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
        if (cause instanceof SessionTokenException) {
            return;
        }
        for (int i = 0; i < admitted.size(); i++) {
            if (cause != null) {
                deadLetters.notWritten(admitted.get(i).event(), producer, cause.toString());
            } else if (result.outcomes().get(i) instanceof BatchResult.Outcome.Failed failed
                    && statusOf(failed) >= 500) {
                deadLetters.notWritten(admitted.get(i).event(), producer, failed.error().getMessage());
            }
        }
    }

    /**
     * Every admitted event failed and nothing else was in the request: one problem says why.
     *
     * @param timedOut whether handing the events to Kafka took the whole publish timeout
     */
    private void noneWritten(Context ctx, boolean timedOut, BatchResult result, List<Map<String, Object>> entries) {
        BatchResult.Outcome.Failed first = (BatchResult.Outcome.Failed) result.outcomes().get(0);
        if (result.outcomes().stream().allMatch(o -> ((BatchResult.Outcome.Failed) o).error()
                instanceof EventIdReusedException)) {
            HttpProblems.send(ctx, ProblemDetail.of(409, "event-id-reused", "Conflict", first.error().getMessage())
                    .with("results", entries));
            return;
        }
        unavailable(ctx, timedOut, "Kafka took none of the " + result.outcomes().size() + " event(s) in time: "
                + first.error().getMessage() + " " + RETRY);
    }

    private void throttledOnly(Context ctx, List<Map<String, Object>> entries, List<Throttled> throttled,
            boolean nothingInvalid) {
        long retry = throttled.stream().map(t -> t.verdict().retryAfter()).max(Comparator.naturalOrder())
                .orElse(Duration.ofSeconds(1)).toSeconds();
        ctx.header("Retry-After", Long.toString(Math.max(1, retry)));
        metrics.throttled(throttled.size());
        if (nothingInvalid) {
            HttpProblems.send(ctx, ProblemDetail.of(429, "write-throttled", "Too Many Requests",
                    throttled.get(0).verdict().reason() + ". Nothing was written; retry after " + Math.max(1, retry)
                    + " s.").with("results", entries));
        } else {
            answer(ctx, 207, null, entries);
        }
    }

    static int statusOf(BatchResult.Outcome.Failed failed) {
        if (failed.error() instanceof KafkaUnavailableException) {
            return 503;
        }
        if (failed.error() instanceof EventIdReusedException) {
            return 409;
        }
        return failed.error() instanceof EventTooLargeException ? 413 : 500;
    }

    private static void answer(Context ctx, int status, String token, List<Map<String, Object>> entries) {
        entries.sort(Comparator.comparingInt(e -> (Integer) e.get("index")));
        Map<String, Object> body = new LinkedHashMap<>();
        if (token != null) {
            body.put("session_token", token);
        }
        body.put("results", entries);
        try {
            JsonAnswer.send(ctx, status, EventJson.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer of maps, strings and numbers could not be written", e);
        }
    }

    /** 503, counted as a hit of limit {@code publish_timeout} when {@code timedOut}. */
    private void unavailable(Context ctx, boolean timedOut, String detail) {
        if (timedOut) {
            metrics.limitHit("publish_timeout");
        }
        ctx.header("Retry-After", "5");
        HttpProblems.send(ctx, 503, "kafka-unavailable", "Service Unavailable", detail);
    }

    static void badToken(Context ctx, SessionTokenException bad) {
        if (bad instanceof SessionTokenException.StaleEpoch) {
            HttpProblems.send(ctx, 410, "stale-session-token", "Gone", bad.getMessage()
                    + " Start a new session: send no Ripple-Session-Token.");
        } else {
            HttpProblems.send(ctx, ProblemDetail.of(400, "invalid-session-token", "Bad Request", bad.getMessage())
                    .with("reason", bad.reason().name().toLowerCase(Locale.ROOT)));
        }
    }
}
