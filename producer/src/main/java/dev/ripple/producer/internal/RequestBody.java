package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ripple.events.ProblemDetail;
import dev.ripple.producer.IntakeLimits;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body as JSON within the intake's limits, or answers the request: {@code 415} for a type other
 * than {@code application/json} (UTF-8) or an encoding other than {@code gzip}; {@code 413} for a body over
 * {@code max_body_bytes}, declared by Content-Length or found while reading (after gzip decoding, so a
 * decompression bomb stops at the limit); {@code 400} for a body that is not JSON or is nested deeper or holds
 * longer numbers than the limits allow. The body is read from the request's stream, so this is the only body limit
 * (Javalin's {@code maxRequestSize} applies only to its own body methods, which the intake does not call).
 * Thread-safe.
 */
final class RequestBody {
    private static final int PRESIZED_MAX = 64 * 1024;

    private final IntakeLimits limits;
    private final ObjectReader json;
    private final IntakeMetrics metrics;

    RequestBody(IntakeLimits limits, IntakeMetrics metrics) {
        this.limits = limits;
        this.json = IntakeJson.reader(limits);
        this.metrics = metrics;
    }

    /** The body's JSON value, or null when the request was answered with a problem. */
    JsonNode read(Context ctx) {
        if (!isJson(ctx.header("Content-Type"))) {
            ctx.header("Accept-Post", "application/json");
            HttpProblems.send(ctx, 415, "unsupported-media-type", "Unsupported Media Type", "Content-Type must be "
                    + "application/json (UTF-8), was '" + printable(ctx.header("Content-Type")) + "'. Nothing was "
                    + "written.");
            return null;
        }
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            ctx.header("Accept-Encoding", "gzip");
            HttpProblems.send(ctx, 415, "unsupported-content-encoding", "Unsupported Media Type",
                    "Content-Encoding '" + printable(encoding) + "' is not supported; send gzip or no encoding. "
                            + "Nothing was written.");
            return null;
        }
        long declared = ctx.contentLength();
        if (declared > limits.maxBodyBytes()) {
            tooLarge(ctx, declared + " bytes");
            drain(ctx, 2L * limits.maxBodyBytes());
            return null;
        }
        byte[] body;
        try (InputStream in = open(ctx.bodyInputStream(), gzip)) {
            body = gzip ? in.readAllBytes() : readAll(in, declared);
        } catch (BoundedInputStream.TooLarge e) {
            tooLarge(ctx, e.getMessage() + (gzip ? " once decompressed" : ""));
            drain(ctx, limits.maxBodyBytes());
            return null;
        } catch (ZipException | java.io.EOFException e) {
            if (!gzip) {
                throw new UncheckedIOException(e);
            }
            HttpProblems.send(ctx, 400, "malformed-gzip", "Bad Request", "The body is not valid gzip ("
                    + e.getMessage() + "). Nothing was written.");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
        metrics.body(body.length);
        return parse(ctx, body);
    }

    /**
     * Reads and drops up to {@code budget} more bytes of a body too large to take, after its 413 has gone out, so
     * that a client still sending reads the 413 rather than a reset connection (a server that closes with unread
     * input resets it, and the client may lose the answer). A body up to twice {@code max_body_bytes} is drained,
     * whether its Content-Length said it was too large or reading found it so; a body larger still is cut off.
     */
    private static void drain(Context ctx, long budget) {
        try {
            InputStream raw = ctx.bodyInputStream();
            long left = budget;
            byte[] scratch = new byte[8192];
            int read;
            while (left > 0 && (read = raw.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0) {
                left -= read;
            }
        } catch (IOException e) {
            // the client went away or was cut off for its rate: the answer is best effort
        }
    }

    /**
     * The body, read into an array of the declared length when there is one ({@code readAllBytes} reads through a
     * 16 KiB buffer and copies out of it: a cost per request for an event of a few hundred bytes), up to
     * {@value #PRESIZED_MAX} bytes, so that a declared length alone holds no memory; a body that ends early or goes
     * on past its declared length is read all the same.
     */
    private static byte[] readAll(InputStream in, long declared) throws IOException {
        if (declared <= 0 || declared > PRESIZED_MAX) {
            return in.readAllBytes();
        }
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
            return Arrays.copyOf(body, read);
        }
        int next = in.read();
        if (next < 0) {
            return body;
        }
        byte[] rest = in.readAllBytes();
        byte[] all = Arrays.copyOf(body, body.length + 1 + rest.length);
        all[body.length] = (byte) next;
        System.arraycopy(rest, 0, all, body.length + 1, rest.length);
        return all;
    }

    private InputStream open(InputStream raw, boolean gzip) throws IOException {
        InputStream in = new BoundedInputStream(raw, limits.maxBodyBytes());
        return gzip ? new BoundedInputStream(new GZIPInputStream(in), limits.maxBodyBytes()) : in;
    }

    private JsonNode parse(Context ctx, byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || root.isMissingNode()) {
                HttpProblems.send(ctx, 400, "empty-body", "Bad Request", "Send one event (a JSON object) or an array.");
                return null;
            }
            return root;
        } catch (StreamConstraintsException e) {
            String limit = e.getMessage().contains("NestingDepth") ? "max_json_depth"
                    : e.getMessage().contains("NumberLength") ? "max_number_chars" : "max_body_bytes";
            metrics.limitHit(limit);
            long value = switch (limit) {
                case "max_json_depth" -> limits.maxJsonDepth();
                case "max_number_chars" -> limits.maxNumberChars();
                default -> limits.maxBodyBytes();
            };
            HttpProblems.send(ctx, ProblemDetail.of(400, "json-over-limits", "Bad Request", "The body is over the "
                    + "intake's " + limit + " of " + value + (limit.equals("max_json_depth") ? " levels of nesting"
                    : limit.equals("max_number_chars") ? " characters in a number" : " bytes")
                    + "; an event needs far less. Nothing was written.").with("limit", limit));
            return null;
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            HttpProblems.send(ctx, 400, "malformed-json", "Bad Request", "The body is not JSON: "
                    + e.getOriginalMessage() + (where == null ? "" : " at line " + where.getLineNr() + ", column "
                    + where.getColumnNr()) + ". Nothing was written.");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tooLarge(Context ctx, String size) {
        metrics.limitHit("max_body_bytes");
        HttpProblems.sendNow(ctx, ProblemDetail.of(413, "body-too-large", "Content Too Large", "The body is " + size
                + ", over the limit of " + limits.maxBodyBytes() + " bytes (max_body_bytes); send fewer events per "
                + "request. Nothing was written.").with("limit", limits.maxBodyBytes()));
    }

    /** Whether a Content-Type is JSON in UTF-8: {@code application/json}, with no charset or charset UTF-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && (param.length < 2
                    || !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    /** Echoes client input safely: printable ASCII, at most 64 characters. */
    private static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
