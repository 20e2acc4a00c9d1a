package dev.ripple.runtime.server;

import dev.ripple.events.ProblemDetail;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 9457 problem documents ({@link ProblemDetail}) as HTTP answers, and for the errors no component handles
 * itself: unknown paths and bugs.
 */
public final class Problems {
    static final String CONTENT_TYPE = ProblemDetail.CONTENT_TYPE;
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
        // Javalin's own refusals (405 with the methods allowed, 413 over its body limit, …) as problems too
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                String allowed = e.getDetails().getOrDefault("availableMethods", String.join(", ",
                        e.getDetails().values()));
                ctx.header("Allow", allowed);
                write(ctx, 405, "method-not-allowed", "Method Not Allowed", ctx.method() + " is not served at "
                        + ctx.path() + "; it answers " + allowed + ".");
            } else {
                int status = e.getStatus() >= 400 && e.getStatus() <= 599 ? e.getStatus() : 500;
                write(ctx, status, status == 413 ? "too-large" : "http-" + status,
                        io.javalin.http.HttpStatus.forStatus(status).getMessage(), e.getMessage() == null
                                || e.getMessage().isBlank() ? "The request was refused." : e.getMessage());
            }
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unhandled error serving {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal-error", "Internal Server Error",
                    "The server failed to handle this request; the error is in its log.");
        });
    }

    static void write(Context ctx, int status, String type, String title, String detail) {
        send(ctx, ProblemDetail.of(status, type, title, detail));
    }

    /** Answers with {@code problem}, its {@code instance} set to the request path. */
    public static void send(Context ctx, ProblemDetail problem) {
        ctx.status(problem.status()).json(problem.withInstance(ctx.path())).contentType(CONTENT_TYPE);
    }
}
