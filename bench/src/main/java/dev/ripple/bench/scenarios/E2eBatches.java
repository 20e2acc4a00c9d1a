package dev.ripple.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.Dot;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the events of an {@link E2eRound} through the intake in batches, open loop, from several publishers:
 * publisher p of n owns the keys k with {@code k mod n = p} (the round has a multiple of n keys, {@link #keys}) and
 * sends its events in order, one batch at a time on a connection of its own, so that each key's events reach the
 * intake in order. The publishers' batches take turns: the g-th batch overall is due {@code g × batch / rate}
 * seconds after the first, and its events count their latency from then, even when their publisher was still
 * waiting for its previous answer (no coordinated omission).
 *
 * <p>Threads are named {@code HttpClient-…}, so that {@code CpuMeter} counts them as the load generator.
 */
final class E2eBatches implements AutoCloseable {
    private final URI events;
    private final int batch;
    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService publishers;

    /**
     * @param base the intake's base URL
     * @param batch events per {@code POST}
     * @param connections publishers, each with its own HTTP/1.1 client (one connection, one batch in flight)
     */
    E2eBatches(String base, int batch, int connections) {
        this.events = URI.create(base + "/v1/events");
        this.batch = batch;
        for (int p = 0; p < connections; p++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        AtomicInteger threads = new AtomicInteger();
        this.publishers = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "HttpClient-bench-publisher-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Keys a round needs so that every publisher owns as many: the most, up to 5,000, that the publishers divide. */
    int keys() {
        return BenchEvents.KEYS - BenchEvents.KEYS % clients.size();
    }

    /** Publishes every event of {@code round} at {@code rate} events/s; returns when every batch was answered. */
    void send(E2eRound round, int rate) throws InterruptedException {
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < clients.size(); p++) {
            int publisher = p;
            running.add(publishers.submit(() -> publish(round, rate, publisher, start)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("A publisher failed", e.getCause());
            }
        }
    }

    private void publish(E2eRound round, int rate, int p, long start) {
        int n = clients.size();
        int mine = (round.events() - p + n - 1) / n; // events p, p + n, p + 2n, …
        for (int b = 0; b * batch < mine; b++) {
            long due = start + Math.round((double) (b * n + p) * batch * 1e9 / rate);
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            int[] indexes = new int[Math.min(batch, mine - b * batch)];
            for (int j = 0; j < indexes.length; j++) {
                indexes[j] = p + n * (b * batch + j);
                round.sending(indexes[j], due);
            }
            post(clients.get(p), round, indexes);
        }
    }

    private void post(HttpClient client, E2eRound round, int[] indexes) {
        StringBuilder body = new StringBuilder(indexes.length * 160).append('[');
        for (int j = 0; j < indexes.length; j++) {
            body.append(j == 0 ? "" : ",").append("{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, "
                    + "\"key\": \"").append(round.key(indexes[j])).append("\", \"revision\": ").append(indexes[j])
                    .append(", \"content_type\": \"text/plain\", \"body\": \"").append("x".repeat(60)).append("\"}");
        }
        HttpRequest request = HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build();
        boolean[] answered = new boolean[indexes.length];
        try {
            HttpResponse<String> written = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (written.statusCode() == 201 || written.statusCode() == 207) {
                for (JsonNode entry : EventJson.mapper().readTree(written.body()).path("results")) {
                    int j = entry.path("index").asInt(-1);
                    if (j >= 0 && j < indexes.length && entry.hasNonNull("dot") && !answered[j]) {
                        answered[j] = true;
                        round.accepted(indexes[j], Dot.parse(entry.get("dot").asText()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // every event of the batch not answered below is refused: it can never be done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int j = 0; j < indexes.length; j++) {
            if (!answered[j]) {
                round.refused(indexes[j]);
            }
        }
    }

    @Override
    public void close() {
        publishers.shutdownNow(); // the clients close their connections once unreachable (Java 17 has no close)
    }
}
