package dev.ripple.monitor.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import dev.ripple.events.ProblemDetail;
import dev.ripple.runtime.server.AdminToken;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Dead-letter queues over HTTP:
 *
 * <pre>
 * GET  /api/dlq/{consumer}?limit=N         the oldest N records waiting (not replayed yet; default 20)
 * POST /api/dlq/{consumer}/replay          body {"id": "0@17"} or {"all": true}, optional "rate" (records/s);
 *                                           guarded by {@link AdminToken}; answers a {@link ReplayResult}, or 409
 *                                           for a record replayed already
 * GET  /api/refused/{part}?limit=N         the oldest N events the part refused of its clients (default 20)
 * </pre>
 */
public final class DlqRoutes {
    private DlqRoutes() {}

    public static Consumer<JavalinConfig> routes(DeadLetterQueues queues, AdminToken admin) {
        return config -> {
            config.routes.get("/api/dlq/{consumer}", handle(ctx -> {
                String consumer = ctx.pathParam("consumer");
                json(ctx, Map.of("consumer", consumer, "topic", queues.topics().dlq(consumer), "records",
                        queues.list(consumer, limit(ctx))));
            }));
            config.routes.get("/api/refused/{part}", handle(ctx -> {
                String part = ctx.pathParam("part");
                json(ctx, Map.of("part", part, "topic", queues.topics().refused(part), "records",
                        queues.refused(part, limit(ctx))));
            }));
            config.routes.post("/api/dlq/{consumer}/replay", handle(ctx -> {
                if (!admin.allow(ctx)) {
                    return;
                }
                JsonNode body = body(ctx);
                String id = body.path("id").isTextual() ? body.get("id").asText() : null;
                boolean all = body.path("all").asBoolean(false);
                if ((id == null) == !all) {
                    throw new IllegalArgumentException("Give exactly one of \"id\" (a record id such as 0@17) or "
                            + "\"all\": true.");
                }
                double rate = body.path("rate").asDouble(0);
                json(ctx, queues.replay(ctx.pathParam("consumer"), id, rate));
            }));
        };
    }

    /** Ripple's wire JSON (ISO-8601 instants), not the server's default mapper. */
    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.contentType("application/json").result(EventJson.mapper().writeValueAsString(value));
    }

    private static Handler handle(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (NoSuchElementException e) {
                problem(ctx, 404, "not-found", e.getMessage());
            } catch (IllegalArgumentException e) {
                problem(ctx, 400, "bad-request", e.getMessage());
            } catch (ReplayConflictException e) {
                problem(ctx, 409, "conflict", e.getMessage());
            }
        };
    }

    private static JsonNode body(Context ctx) {
        if (ctx.body().length() > 4096) {
            throw new IllegalArgumentException("A replay request body may have at most 4096 characters.");
        }
        try {
            return ctx.body().isBlank() ? EventJson.mapper().createObjectNode() : EventJson.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static int limit(Context ctx) {
        String limit = ctx.queryParam("limit");
        return limit == null || limit.isBlank() ? 20 : parseInt("limit", limit);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The query parameter '" + name + "' must be a number, not '" + value
                    + "'.");
        }
    }

    private static void problem(Context ctx, int status, String type, String detail) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            default -> "Not Found";
        };
        ctx.status(status).json(ProblemDetail.of(status, type, title, detail).withInstance(ctx.path()))
                .contentType(ProblemDetail.CONTENT_TYPE);
    }
}
