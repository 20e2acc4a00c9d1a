package dev.ripple.cli.up;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Sessions that write a key and read it back with their token, over and over, through any of several intakes and
 * read APIs: a client fails over to the next one when one does not answer (connection refused, 503). Every
 * operation is recorded for the {@code HistoryChecker}; every acknowledged write is remembered, so that the run
 * can check it was applied.
 */
final class SessionLoad implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> intakes;
    private final List<String> readApis;
    private final String region;
    private final String producerToken;
    private final SessionTokenCodec tokens;
    private final long epoch;
    private final List<Operation> operations = Collections.synchronizedList(new ArrayList<>());
    /** Per key, the last acknowledged write's dot and the session token that covers it. */
    private final Map<String, Acked> lastAcked = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService sessions;

    record Acked(Dot dot, String token) {}

    SessionLoad(List<String> intakes, List<String> readApis, String region, String producerToken,
            SessionTokenCodec tokens, long epoch, int sessionCount) {
        this.intakes = List.copyOf(intakes);
        this.readApis = List.copyOf(readApis);
        this.region = region;
        this.producerToken = producerToken;
        this.tokens = tokens;
        this.epoch = epoch;
        this.sessions = Executors.newFixedThreadPool(sessionCount);
        for (int s = 0; s < sessionCount; s++) {
            String session = "s" + s;
            sessions.execute(() -> run(session));
        }
    }

    private void run(String session) {
        String token = null;
        for (int n = 0; running.get(); n++) {
            String key = "enwiki:Load_" + session + "_" + (n % 4);
            try {
                token = writeThenRead(session, n, key, token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String writeThenRead(String session, int n, String key, String token) throws InterruptedException {
        long start = System.currentTimeMillis();
        // an attempt that failed may still land (a 503 after the intake handed it to Kafka, an intake killed
        // mid-request): each attempt is a new version (revision 10·n + attempt), so a late one is older, never equal
        HttpResponse<String> written = send(intakes, n, (base, attempt) -> withToken(HttpRequest.newBuilder(
                URI.create(base + "/v1/events")), token).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + producerToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + (10L * n + attempt)
                        + ", \"content_type\": \"text/plain\", \"body\": \"" + session + "/" + n + "\"}")));
        long end = System.currentTimeMillis();
        if (written == null || written.statusCode() != 201) {
            operations.add(new WriteOp(session + "-w" + n, session, key, start, end, WriteOp.Outcome.FAILED, null,
                    position(token), null));
            return token;
        }
        String tokenOut = written.headers().firstValue("Ripple-Session-Token").orElseThrow();
        Dot dot = dot(written.body());
        operations.add(new WriteOp(session + "-w" + n, session, key, start, end, WriteOp.Outcome.OK, dot,
                position(token), position(tokenOut)));
        lastAcked.put(key, new Acked(dot, tokenOut));

        start = System.currentTimeMillis();
        HttpResponse<String> read = send(readApis, n, (base, attempt) -> HttpRequest.newBuilder(URI.create(base
                + "/v1/regions/" + region + "/objects/" + key)).header("Ripple-Session-Token", tokenOut)
                .header("Ripple-On-Violation", "wait=3000"));
        end = System.currentTimeMillis();
        if (read == null || (read.statusCode() != 200 && read.statusCode() != 409)) {
            return tokenOut;
        }
        if (read.statusCode() == 409) {
            operations.add(new ReadOp(session + "-r" + n, session, key, region, start, end, ReadOp.Outcome.REFUSED,
                    null, null, position(tokenOut), position(tokenOut), null));
            return tokenOut;
        }
        String tokenAfter = read.headers().firstValue("Ripple-Session-Token").orElseThrow();
        boolean waited = !read.headers().firstValue("Ripple-Served-By").orElse("").endsWith("waited=0");
        operations.add(new ReadOp(session + "-r" + n, session, key, region, start, end,
                waited ? ReadOp.Outcome.WAITED : ReadOp.Outcome.OK, Dot.parse(read.headers().firstValue("ETag")
                .orElseThrow().replaceAll("^\"[^/]*/|\"$", "")), Position.fromJson(read.headers()
                .firstValue("Ripple-Applied-Position").orElseThrow()), position(tokenOut), position(tokenAfter),
                null));
        return tokenAfter;
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Ripple-Session-Token", token);
    }

    /** Sends to the servers in turn, starting at {@code n}'s, until one answers other than 503; null if none. */
    private static HttpResponse<String> send(List<String> servers, int n,
            BiFunction<String, Integer, HttpRequest.Builder> request) throws InterruptedException {
        for (int attempt = 0; attempt < servers.size() * 3; attempt++) {
            String base = servers.get((n + attempt) % servers.size());
            try {
                HttpResponse<String> response = HTTP.send(request.apply(base, attempt).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    return response;
                }
            } catch (IOException e) {
                // not answering: the next one (a refused connection fails at once, a hung one in 2 s)
            }
        }
        return null;
    }

    private Position position(String token) {
        return token == null ? null : tokens.decode(token, epoch).position();
    }

    private static Dot dot(String body) {
        try {
            return Dot.parse(EventJson.mapper().readTree(body).at("/results/0/dot").asText());
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    /** Every operation so far. */
    List<Operation> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    /** Per key, its last acknowledged write. */
    Map<String, Acked> lastAcked() {
        return Map.copyOf(lastAcked);
    }

    long acknowledged() {
        return operations().stream().filter(op -> op instanceof WriteOp w && w.outcome() == WriteOp.Outcome.OK)
                .count();
    }

    /** Stops every session after its current operation. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sessions.shutdown();
        sessions.awaitTermination(60, TimeUnit.SECONDS);
    }
}
