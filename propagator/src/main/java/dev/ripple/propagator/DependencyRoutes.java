package dev.ripple.propagator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.events.EventJson;
import dev.ripple.events.ProblemDetail;
import dev.ripple.runtime.server.JsonAnswer;
import dev.ripple.runtime.server.Problems;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The propagator's dependency API (DESIGN.md 14), on the process's HTTP server:
 * <ul>
 *   <li>{@code GET /api/deps}: this instance's fan-out backlog (what {@code ripple status --part} shows);</li>
 *   <li>{@code GET /api/deps/{key}} (the key may hold {@code /}), or {@code GET /api/deps?key=KEY} (any key,
 *       form-encoded): {@link DependencyView} of the key, {@code sample=N} dependents at most ({@value
 *       #DEFAULT_SAMPLE} by default, {@value #MAX_SAMPLE} at most). 404 problem when the propagator knows nothing
 *       of the key; 307 to the instance that owns its partition ({@code owner} and {@code partition} in the
 *       body); 503 while no instance can answer (a rebalance, state restoring).</li>
 * </ul>
 */
public final class DependencyRoutes {
    public static final String PATH = "/api/deps";
    public static final int DEFAULT_SAMPLE = 20;
    public static final int MAX_SAMPLE = 1000;
    /** Seconds a client waits before asking again while nobody can answer. */
    static final int RETRY_AFTER_S = 5;

    private DependencyRoutes() {}

    /** The routes over {@code propagator}. */
    public static void install(JavalinConfig config, Propagator propagator) {
        config.routes.get(PATH, ctx -> {
            String key = ctx.queryParam("key");
            if (key == null) {
                backlog(ctx, propagator.metrics().fanoutBacklog());
            } else {
                lookup(ctx, propagator, key);
            }
        });
        config.routes.get(PATH + "/<key>", ctx -> lookup(ctx, propagator, ctx.pathParam("key")));
    }

    /** The query form of a key's path (any key survives a query string), with {@code sample}. */
    public static String pathOf(String key, int sample) {
        return PATH + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&sample=" + sample;
    }

    private static void backlog(Context ctx, PropagatorMetrics.FanoutBacklog backlog) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dependents", backlog.dependents());
        doc.put("fanouts", backlog.fanouts());
        doc.put("drain_seconds", backlog.drainSeconds());
        doc.put("pending", backlog.pending());
        doc.put("rate_per_s", backlog.ratePerS());
        doc.put("lane_lag_ms", backlog.laneLagMs());
        json(ctx, 200, doc);
    }

    private static void lookup(Context ctx, Propagator propagator, String key) {
        int sample;
        try {
            String asked = ctx.queryParam("sample");
            sample = asked == null ? DEFAULT_SAMPLE : Integer.parseInt(asked);
        } catch (NumberFormatException e) {
            sample = -1;
        }
        if (sample < 0 || sample > MAX_SAMPLE) {
            Problems.send(ctx, ProblemDetail.of(400, "bad-sample", "Bad sample", "sample must be a whole number "
                    + "from 0 to " + MAX_SAMPLE + "."));
            return;
        }
        if (key.isEmpty()) {
            Problems.send(ctx, ProblemDetail.of(400, "bad-key", "Bad key", "Give a key: " + PATH + "/KEY or "
                    + PATH + "?key=KEY."));
            return;
        }
        DependencyLookup answer = propagator.dependencies(key, sample);
        if (answer instanceof DependencyLookup.Found found) {
            if (found.view().isUnknown()) {
                Problems.send(ctx, ProblemDetail.of(404, "unknown-key", "Unknown key", "The propagator knows "
                        + "nothing of this key: it declared no dependency, nothing uses it, and no fan-out of it is "
                        + "in progress (partition " + found.view().partition() + ").").with("key", key));
            } else {
                json(ctx, 200, found.view());
            }
        } else if (answer instanceof DependencyLookup.Elsewhere elsewhere) {
            String owner = "http://" + elsewhere.owner();
            ctx.header("Location", owner + pathOf(key, sample));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("owner", owner);
            doc.put("partition", elsewhere.partition());
            doc.put("detail", "Partition " + elsewhere.partition() + ", which holds this key, is owned by the "
                    + "propagator at " + owner + "; ask it.");
            json(ctx, 307, doc);
        } else {
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_S));
            Problems.send(ctx, ProblemDetail.of(503, "unavailable", "Dependencies unavailable", "The propagator "
                    + "cannot answer now: " + ((DependencyLookup.Unavailable) answer).reason() + "."));
        }
    }

    private static void json(Context ctx, int status, Object doc) {
        try {
            JsonAnswer.send(ctx, status, EventJson.mapper().writeValueAsBytes(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + doc.getClass().getSimpleName() + ": " + e, e);
        }
    }
}
