package dev.ripple.bench.scenarios;

import com.sun.net.httpserver.HttpExchange;
import dev.ripple.bench.BenchContext;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.config.PurgeTargetDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code purge-http}: purges/s of a cache purger with one HTTP target of one node (one tier; default limits, so 8
 * sender connections), reading purges of one URL each preloaded on its purge topic, against {@value #CONNECTIONS}
 * threads each with one persistent connection sending {@code PURGE} in a loop (a failed request sent again), both
 * to the same local
 * {@link SinkServer}. Rates are taken at the sink, from the first request received to the last; the sink checks that
 * every URL arrived once.
 */
final class PurgeHttpScenario implements Scenario {
    static final String RAW = "4 persistent connections sending PURGE in a loop";
    static final String PURGER = "purger, HTTP target, one node";
    private static final int CONNECTIONS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "purge-http";
    }

    @Override
    public String summary() {
        return "cache purger with an HTTP target vs 4 connections sending PURGE in a loop, purges/s";
    }

    @Override
    public String description() {
        return "Purges/s of one URL each to one local HTTP node: a cache purger (HTTP target, one tier, preloaded purge "
                + "topic) vs 4 threads with a persistent connection each sending PURGE in a loop; timed at the node "
                + "from the first request to the last; every URL checked received once (lost, duplicates).";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        SinkServer node = new SinkServer();
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(RAW, PURGER);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                String prefix = "ph" + variants().indexOf(variant) + "r" + round;
                int events = context.events();
                SinkServer.Round received = node.expect(events, PurgeHttpScenario::purgeNumber);
                String path = "/" + prefix + "/P";
                CpuMeter cpu = CpuMeter.start(SinkServer.THREADS);
                if (variant.equals(RAW)) {
                    raw(node.uri(), path, events, progress);
                } else {
                    PurgerRun.run(context.bootstrapServers(), prefix, new PurgeTargetDoc(prefix, "cdn",
                            PurgeTargetDoc.Type.HTTP, null, null, List.of(new PurgeTargetDoc.Tier("frontend",
                                    List.of(node.uri()))), 2000L, 64, null, null, null), events,
                            i -> PurgerRun.request(i, List.of(), List.of("https://en.example.org" + path + i)),
                            progress);
                }
                CpuMeter.Split split = cpu.stop();
                return new Measurement(events, Duration.ofNanos(received.spanNanos()), split, null,
                        received.correctness());
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }

    /** {@value #CONNECTIONS} threads, each with a client of its own (one keep-alive connection), sending in turn. */
    private static void raw(URI node, String path, int count, Progress progress) {
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            threads.add(GroupWait.thread("ripple-bench-purge-" + t, () -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    HttpRequest purge = HttpRequest.newBuilder(node.resolve(path + i)).timeout(TIMEOUT)
                            .method("PURGE", HttpRequest.BodyPublishers.noBody()).build();
                    try {
                        send(client, purge);
                        progress.advance(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        threads.forEach(CompletableFuture::join);
    }

    /**
     * Sends {@code purge} until it is answered 2xx: a request whose connection the JDK client found closed under it
     * ("header parser received no bytes", which the JDK HttpServer node provokes now and then) is sent again, as the
     * purger's retry does; the node then counts a duplicate if it had received the first.
     */
    private static void send(HttpClient client, HttpRequest purge) throws InterruptedException {
        int status;
        try {
            status = Resend.send(client, purge);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (status / 100 != 2) {
            throw new IllegalStateException("The node answered " + status + " to " + purge.uri());
        }
    }

    /** The number at the end of a purged path, {@code /<prefix>/P<i>}. */
    private static long purgeNumber(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        int at = path.lastIndexOf("/P");
        try {
            return at < 0 ? -1 : Long.parseLong(path.substring(at + 2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
