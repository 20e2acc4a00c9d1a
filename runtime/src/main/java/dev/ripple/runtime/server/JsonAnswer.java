package dev.ripple.runtime.server;

import io.javalin.compression.CompressionStrategy;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Answers with a JSON body already written to bytes. A body smaller than the size from which Javalin compresses
 * (which it would send as is anyway) goes straight to the response with its {@code Content-Length}: Javalin copies
 * a result through a fresh 32 KiB buffer and a compression wrapper, a cost per request that a small answer (the
 * intake's to one event) otherwise pays in full. Larger bodies go through Javalin, compressed when the client
 * accepts it.
 */
public final class JsonAnswer {
    /** Javalin's default threshold for compressing an answer, in bytes. */
    static final int COMPRESSED_FROM = CompressionStrategy.GZIP.getDefaultMinSizeForCompression();

    private JsonAnswer() {}

    /** Answers {@code status} with {@code json} as {@code application/json}. */
    public static void send(Context ctx, int status, byte[] json) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON);
        if (json.length >= COMPRESSED_FROM) {
            ctx.result(json);
            return;
        }
        ctx.res().setContentLength(json.length);
        try {
            ctx.res().getOutputStream().write(json);
        } catch (IOException e) {
            // the client went away: there is nobody to answer, as when Javalin's own write fails
        }
    }
}
