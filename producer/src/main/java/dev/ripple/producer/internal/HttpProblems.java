package dev.ripple.producer.internal;

import dev.ripple.events.ProblemDetail;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes problem documents as intake responses. */
final class HttpProblems {
    private HttpProblems() {}

    static void send(Context ctx, ProblemDetail problem) {
        ctx.status(problem.status()).json(problem.withInstance(ctx.path())).contentType(ProblemDetail.CONTENT_TYPE);
    }

    /**
     * Writes the problem and flushes it to the client now, before the handler returns: for a request whose body the
     * handler will then read and drop, so that a client that sends nothing more, or that waits for the answer
     * before it sends, has it at once. A client that has gone away is not an error.
     */
    static void sendNow(Context ctx, ProblemDetail problem) {
        byte[] json = ctx.jsonMapper().toJsonString(problem.withInstance(ctx.path()), ProblemDetail.class)
                .getBytes(StandardCharsets.UTF_8);
        ctx.status(problem.status()).contentType(ProblemDetail.CONTENT_TYPE);
        ctx.res().setContentLength(json.length);
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write(json);
            out.flush();
        } catch (IOException e) {
            // the client went away: nobody is left to tell
        }
    }

    static void send(Context ctx, int status, String slug, String title, String detail) {
        send(ctx, ProblemDetail.of(status, slug, title, detail));
    }
}
