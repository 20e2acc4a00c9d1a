package dev.ripple.producer.internal;

import dev.ripple.events.ProblemDetail;
import io.javalin.http.Context;

/** Writes problem documents as intake responses. */
final class HttpProblems {
    private HttpProblems() {}

    static void send(Context ctx, ProblemDetail problem) {
        ctx.status(problem.status()).json(problem.withInstance(ctx.path())).contentType(ProblemDetail.CONTENT_TYPE);
    }

    static void send(Context ctx, int status, String slug, String title, String detail) {
        send(ctx, ProblemDetail.of(status, slug, title, detail));
    }
}
