package dev.ripple.replica.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.EventJson;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.ReadApiConfig;
import dev.ripple.replica.RegionPositions;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.StoredPosition;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The read API's Javalin routes: HTTP in, {@link ReadHandler} answers out. */
public final class ReadRoutes {
    static final String OBJECT = "/v1/regions/{region}/objects/<key>";
    static final String POSITION = "/v1/regions/{region}/position";

    private final ReadApiConfig config;
    private final Map<String, ReplicaStore> stores;
    private final RegionPositions board;
    private final ReadMetrics metrics;
    private final ReadHandler handler;

    public ReadRoutes(ReadApiConfig config, SessionTokenCodec tokens, Map<String, ReplicaStore> stores,
            RegionPositions board, dev.ripple.replica.ReadGate gate, Clock clock) {
        this.config = config;
        this.stores = Map.copyOf(stores);
        this.board = board;
        this.metrics = new ReadMetrics(stores.keySet(), board);
        this.handler = new ReadHandler(config, tokens, stores, board, gate, clock, metrics);
        gate.onChange(board::recheck);
    }

    public void install(JavalinConfig javalin) {
        javalin.routes.get(OBJECT, ctx -> ctx.future(() -> handler.read(ctx.pathParam("region"),
                        ctx.pathParam("key"), ctx.header(ReadHeaders.TOKEN), ctx.header(ReadHeaders.MAX_STALENESS),
                        ctx.header(ReadHeaders.ON_VIOLATION))
                .thenAccept(answer -> write(ctx, answer))));
        javalin.routes.get(POSITION, ctx -> ctx.future(() -> position(ctx.pathParam("region"))
                .thenAccept(answer -> write(ctx, answer))));
    }

    public MeterBinder metrics() {
        return metrics;
    }

    /** The region's position: every partition read from its store, merged into what is known. */
    CompletableFuture<ReadAnswer> position(String region) {
        ReplicaStore store = stores.get(region);
        if (store == null) {
            return CompletableFuture.completedFuture(ReadAnswer.problem(404, "unknown-region", "unknown-region",
                    "Unknown region", "No region '" + ReadHeaders.printable(region) + "' is served here; regions: "
                            + new TreeSet<>(stores.keySet()) + "."));
        }
        List<CompletableFuture<StoredPosition>> reads = IntStream.range(0, config.partitions())
                .mapToObj(p -> store.position(p).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            board.offer(Positions.of(region, config.epoch().current(), reads.stream().map(CompletableFuture::join).toList(),
                    board.current(region).map(RegionPosition::publishedAt).orElse(Instant.EPOCH),
                    board.current(region).map(RegionPosition::rebuilding).orElse(Set.of())));
            try {
                String json = EventJson.mapper().writeValueAsString(board.current(region).orElseThrow());
                return ReadAnswer.ok(200, "ok", Map.of(), "application/json", json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).exceptionally(e -> ReadAnswer.problem(503, "unavailable", "replica-unavailable", "Replica unavailable",
                "The replica store of region " + region + " could not answer; retry later.",
                Map.of("Retry-After", Long.toString(config.retryAfter().toSeconds())), Map.of()));
    }

    /**
     * Replicated bodies are a producer's bytes, served on a port that may also carry the dashboard and the config
     * API: a browser must never run them as this origin. {@code sandbox} gives a page an opaque origin (no cookies,
     * no same-origin requests, no storage), {@code default-src 'none'} runs no script or plugin at all.
     */
    static final String INERT_POLICY = "sandbox; default-src 'none'";
    /** A media type as RFC 9110 has it (token/token, parameters); anything else is served as octet-stream. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]{1,64}="
                    + "(\"[^\"\\p{Cntrl}]{0,64}\"|[A-Za-z0-9!#$&^_.+-]{1,64}))*");

    static void write(Context ctx, ReadAnswer answer) {
        ctx.status(answer.status());
        ctx.header("Content-Security-Policy", INERT_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        answer.headers().forEach(ctx::header);
        byte[] body = answer.body();
        if (answer.problem() != null) {
            Map<String, Object> problem = new LinkedHashMap<>(answer.problem());
            problem.put("instance", ctx.path());
            try {
                body = EventJson.mapper().writeValueAsBytes(problem);
            } catch (JsonProcessingException e) {
                body = ("{\"status\":" + answer.status() + "}").getBytes(StandardCharsets.UTF_8);
            }
        }
        String type = answer.contentType();
        boolean mediaType = type != null && type.length() <= 256 && MEDIA_TYPE.matcher(type).matches();
        ctx.contentType(mediaType ? type : "application/octet-stream");
        ctx.result(body);
    }
}
