package dev.ripple.bench.scenarios;

import dev.ripple.consistency.Dot;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the events of an {@link E2eRound} through the intake, one event per {@code POST}: open loop at a fixed
 * rate (an event is due at its time whether or not earlier ones were answered; at most {@value #WORKERS} requests
 * are open, later ones wait for a worker and the wait counts in their latency), or as fast as the intake accepts
 * with a bound on requests in flight. Every {@value #SAMPLE_EVERY}th event
 * is also read back once through the read API with the write's session token, in one region (they take turns),
 * waiting for it: a read served older than the write is stale.
 */
final class E2eLoad implements AutoCloseable {
    static final int SAMPLE_EVERY = 100;
    /** Threads that send requests: the most requests open at once. */
    static final int WORKERS = 64;
    private final HttpClient http;
    private final String base;
    private final List<String> regions;
    private final ExecutorService workers;

    E2eLoad(HttpClient http, String base, List<String> regions) {
        this.http = http;
        this.base = base;
        this.regions = List.copyOf(regions);
        AtomicInteger threads = new AtomicInteger();
        // Blocking sends on a fixed pool: the JDK client's sendAsync completes on CompletableFuture's default
        // executor, which on a 2-core machine (common pool parallelism 1) starts a new thread per response.
        // Named HttpClient-… so that CpuMeter counts them as the load generator, not as Ripple.
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "HttpClient-bench-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends every event of {@code round}, event i at {@code i / rate} s (open loop), or, with {@code rate} 0, as
     * soon as fewer than {@code inFlight} requests are open (ignored when paced). Returns when the last is sent; the futures of the
     * requests and sample reads are added to {@code pending}.
     */
    void send(E2eRound round, int rate, int inFlight, Queue<CompletableFuture<?>> pending)
            throws InterruptedException {
        Pacer pacer = rate > 0 ? new Pacer(rate) : null;
        Semaphore open = pacer == null ? new Semaphore(inFlight) : null;
        for (int i = 0; i < round.events(); i++) {
            if (pacer != null) {
                pacer.awaitTurn(i);
            } else {
                open.acquire();
            }
            int n = i;
            round.sending(n);
            pending.add(CompletableFuture.runAsync(() -> {
                try {
                    publish(round, n, pending);
                } finally {
                    if (open != null) {
                        open.release();
                    }
                }
            }, workers));
        }
    }

    private void publish(E2eRound round, int n, Queue<CompletableFuture<?>> pending) {
        HttpResponse<String> written;
        Dot dot;
        try {
            written = http.send(post(round.key(n), n), HttpResponse.BodyHandlers.ofString());
            if (written.statusCode() != 201) {
                round.refused(n);
                return;
            }
            dot = Dot.parse(readDot(written.body()));
        } catch (IOException | RuntimeException e) {
            round.refused(n);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            round.refused(n);
            return;
        }
        round.accepted(n, dot);
        if (n % SAMPLE_EVERY == 0) {
            String token = written.headers().firstValue("Ripple-Session-Token").orElseThrow();
            String region = regions.get((n / SAMPLE_EVERY) % regions.size());
            pending.add(CompletableFuture.runAsync(() -> sample(round, region, round.key(n), token, dot), workers));
        }
    }

    /** Waits up to {@code seconds} for every request and sample read in {@code pending}. */
    static void settle(Queue<CompletableFuture<?>> pending, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (CompletableFuture<?> f = pending.poll(); f != null; f = pending.poll()) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // an unanswered POST is already counted (the event is not done); a read, below
            }
        }
    }

    static Queue<CompletableFuture<?>> pending() {
        return new ConcurrentLinkedQueue<>();
    }

    private void sample(E2eRound round, String region, String key, String token, Dot written) {
        round.sampleReads.incrementAndGet();
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/v1/regions/" + region + "/objects/" + key))
                .header("Ripple-Session-Token", token).header("Ripple-On-Violation", "wait=5000").build();
        try {
            HttpResponse<Void> read = http.send(get, HttpResponse.BodyHandlers.discarding());
            if (read.statusCode() != 200) {
                round.sampleNotServed.incrementAndGet();
            } else if (served(read).compareTo(written) < 0) {
                round.sampleStale.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            round.sampleNotServed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            round.sampleNotServed.incrementAndGet();
        }
    }

    private HttpRequest post(String key, int revision) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + revision
                        + ", \"content_type\": \"text/plain\", \"body\": \"" + "x".repeat(60) + "\"}")).build();
    }

    private static String readDot(String body) {
        try {
            return EventJson.mapper().readTree(body).at("/results/0/dot").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dot served(HttpResponse<?> read) {
        return Dot.parse(read.headers().firstValue("ETag").orElseThrow().replaceAll("^\"[^/]*/|\"$", ""));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
