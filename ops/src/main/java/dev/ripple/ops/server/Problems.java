package dev.ripple.ops.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 9457 problem documents for the errors no component handles itself: unknown paths and bugs. */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    static void install(JavalinConfig config) {
        config.routes.error(404, ctx -> {
            // a component's own 404 problem stays; Jetty may have appended a charset to its content type
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(CONTENT_TYPE)) {
                write(ctx, 404, "not-found", "Not Found", "No resource at " + ctx.path() + ".");
            }
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unhandled error serving {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal-error", "Internal Server Error",
                    "The server failed to handle this request; the error is in its log.");
        });
    }

    static void write(Context ctx, int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://ripple.dev/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        ctx.status(status).json(body).contentType(CONTENT_TYPE);
    }
}
