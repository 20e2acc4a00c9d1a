package dev.ripple.conittracker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A writer and readers over HTTP for {@link StalenessUnderPropagatorLagIT}: the writer writes a gated key every
 * 20 ms (and a throttled one every 80 ms) with {@code meta.dt} off by a chosen skew; the readers read a gated key in
 * every region every 20 ms, once without a token and once with the writer's latest, and everything acknowledged or
 * served is recorded for the history checker (each read its own session: only staleness is checked of them).
 */
final class LagLoad implements AutoCloseable {
    private static final int GATED_KEYS = 5;

    private final String base;
    private final List<String> regions;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Operation> history = new ArrayList<>();
    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<String> token = new AtomicReference<>();
    private final AtomicLong ops = new AtomicLong();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger servedGated = new AtomicInteger();
    private final Set<String> servedIn = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService tasks = Executors.newScheduledThreadPool(2);

    LagLoad(String base, List<String> regions, Clock clock) {
        this.base = base;
        this.regions = List.copyOf(regions);
        this.clock = clock;
    }

    /** Writes each gated key once, then starts the writer and the readers. */
    void seed(int rounds) throws IOException, InterruptedException {
        for (int i = 0; i < rounds * GATED_KEYS; i++) {
            write("g:" + (i % GATED_KEYS));
        }
        tasks.scheduleWithFixedDelay(this::writeSome, 0, 20, TimeUnit.MILLISECONDS);
        tasks.scheduleWithFixedDelay(this::readSome, 0, 20, TimeUnit.MILLISECONDS);
    }

    void writeWith(Duration clientSkew) {
        skew.set(clientSkew);
    }

    private void writeSome() {
        long n = ops.incrementAndGet();
        try {
            write("g:" + (n % GATED_KEYS));
            if (n % 4 == 0 && write("t:" + (n % 7)) == 429) {
                throttled.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // unacknowledged: not part of the history
        }
    }

    private int write(String key) throws IOException, InterruptedException {
        long start = clock.millis();
        String dt = clock.instant().plus(skew.get()).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"dt\": \"" + dt
                        + "\"}, \"key\": \"" + key + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        long end = clock.millis();
        if (response.statusCode() == 201) {
            JsonNode body = EventJson.mapper().readTree(response.body());
            Dot dot = Dot.parse(body.at("/results/0/dot").asText());
            response.headers().firstValue("Ripple-Session-Token").ifPresent(token::set);
            record(new WriteOp("w" + ops.incrementAndGet(), "writer", key, start, end, WriteOp.Outcome.OK, dot, null,
                    null));
        }
        return response.statusCode();
    }

    private void readSome() {
        long n = ops.incrementAndGet();
        String key = "g:" + (n % GATED_KEYS);
        for (String region : regions) {
            try {
                read(region, key, null, "refuse");
                read(region, key, token.get(), "wait=300");
            } catch (IOException | InterruptedException e) {
                // no answer: not part of the history
            }
        }
    }

    private void read(String region, String key, String session, String onViolation)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/regions/" + region + "/objects/"
                + key)).header("Ripple-On-Violation", onViolation);
        if (session != null) {
            request.header("Ripple-Session-Token", session);
        }
        long start = clock.millis();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long end = clock.millis();
        int status = response.statusCode();
        if (status != 200 && status != 409 && status != 503) {
            return;
        }
        ReadOp.Outcome outcome = status == 200 ? ReadOp.Outcome.OK
                : response.headers().firstValue("Ripple-Redirect-Region").isPresent() ? ReadOp.Outcome.REDIRECTED
                : ReadOp.Outcome.REFUSED;
        Dot served = status == 200 ? Dot.parse(response.headers().firstValue("ETag").orElseThrow()
                .replaceAll("^\"[^/]*/|\"$", "")) : null;
        Position applied = status == 200 ? Position.fromJson(response.headers().firstValue("Ripple-Applied-Position")
                .orElseThrow()) : null;
        String id = "r" + ops.incrementAndGet();
        record(new ReadOp(id, id, key, region, start, end, outcome, served, applied, null, null, null));
        if (status == 200) {
            servedGated.incrementAndGet();
            servedIn.add(region);
        }
    }

    private synchronized void record(Operation op) {
        history.add(op);
    }

    synchronized List<Operation> history() {
        return List.copyOf(history);
    }

    /** Has {@code region} served a gated key since the last {@link #resetServed()}? */
    boolean served(String region) {
        return servedIn.contains(region);
    }

    void resetServed() {
        servedIn.clear();
    }

    int servedGatedReads() {
        return servedGated.get();
    }

    /** Writes to the throttled conit answered 429. */
    int throttled() {
        return throttled.get();
    }

    @Override
    public void close() throws InterruptedException {
        tasks.shutdownNow();
        tasks.awaitTermination(10, TimeUnit.SECONDS);
    }
}
