package dev.ripple.replica;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.events.ResourceKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reads through the read API over HTTP, as a client would, and turns the answers into history operations. */
final class ReadClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final SessionTokenCodec tokens;

    ReadClient(String baseUrl, SessionTokenCodec tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /** An answer and when it was asked and answered. */
    record Result(String region, int status, Map<String, String> headers, String body, long startMs, long endMs,
            Position tokenIn, SessionTokenCodec tokens) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String token() {
            return header("Ripple-Session-Token");
        }

        /** The dot in the ETag {@code "<revision>/<dot>"}, or null. */
        Dot dot() {
            String etag = header("ETag");
            if (etag == null) {
                return null;
            }
            String inner = etag.replace("W/", "").replace("\"", "");
            return Dot.parse(inner.substring(inner.indexOf('/') + 1));
        }

        long waitedMs() {
            String servedBy = header("Ripple-Served-By");
            return servedBy == null ? 0 : Long.parseLong(servedBy.substring(servedBy.indexOf("waited=") + 7));
        }

        boolean served() {
            return status == 200 || status == 404 && header("Ripple-Applied-Position") != null;
        }

        ReadOp toReadOp(String id, String session, String key) {
            Position applied = header("Ripple-Applied-Position") == null ? null
                    : Position.fromJson(header("Ripple-Applied-Position"));
            Position out = token() == null ? null : tokens.decode(token(), Records.EPOCH).position();
            if (served()) {
                ReadOp.Outcome outcome = waitedMs() > 0 ? ReadOp.Outcome.WAITED : ReadOp.Outcome.OK;
                return new ReadOp(id, session, key, region, startMs, endMs, outcome, status == 200 ? dot() : null,
                        applied, tokenIn, out, null);
            }
            ReadOp.Outcome outcome = header("Ripple-Redirect-Region") != null ? ReadOp.Outcome.REDIRECTED
                    : ReadOp.Outcome.REFUSED;
            return new ReadOp(id, session, key, region, startMs, endMs, outcome, null, null, tokenIn, null, null);
        }
    }

    Result read(String region, String key, String token) {
        return read(region, key, token, Map.of());
    }

    Result read(String region, String key, String token, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/regions/" + region
                + "/objects/" + ResourceKeys.pathSegment(key))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Ripple-Session-Token", token);
        }
        extraHeaders.forEach(request::header);
        long start = System.currentTimeMillis();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long end = System.currentTimeMillis();
            Map<String, String> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            Position in = decodeOrNull(token);
            return new Result(region, response.statusCode(), headers, response.body(), start, end, in, tokens);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The token's vector, or null for no token or one this client cannot read (tests send bad ones). */
    private Position decodeOrNull(String token) {
        try {
            return token == null ? null : tokens.decode(token, Records.EPOCH).position();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A GET of any path, for the position route and error cases. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
