package dev.ripple.bench.scenarios;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ripple.bench.Correctness;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * The local HTTP server the {@code http-sink}, {@code http-e2e} and {@code purge-http} scenarios send to: a JDK {@link HttpServer} on a
 * small pool of threads named {@code ripple-bench-sink-…} (so {@link dev.ripple.bench.CpuMeter} leaves them
 * out), answering 204 to every request. Per round it records, for each numbered event, when it first arrived, and
 * per key the last number seen: arrivals after a higher number of the same key count as reordered, a number seen
 * again as a duplicate. Which event a request stands for is the round's {@code eventOf} function (the
 * {@code Ripple-Revision} header of a replica {@code PUT}, the number at the end of a purged path).
 */
final class SinkServer implements AutoCloseable {
    /**
     * Thread names of the sink, for {@link dev.ripple.bench.CpuMeter#start(Pattern)}: its handlers and the JDK
     * server's own accepting and reading thread ({@code HTTP-Dispatcher}, 1% of a core while idle under JFR), no
     * part of Ripple's (which serves HTTP with Jetty).
     */
    static final Pattern THREADS = Pattern.compile("ripple-bench-sink-.*|HTTP-Dispatcher");
    private static final int THREAD_COUNT = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Round round;

    SinkServer() throws IOException {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREAD_COUNT, r -> {
            Thread t = new Thread(r, "ripple-bench-sink-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts recording a round of {@code events} numbered 0 to events − 1.
     *
     * @param eventOf the event number of a request, or −1 for a request that is not one (answered, not counted)
     */
    Round expect(int events, ToLongFunction<HttpExchange> eventOf) {
        round = new Round(events, eventOf);
        return round;
    }

    /** The event number of a replica {@code PUT}: its {@code Ripple-Revision} header; −1 for none. */
    static long revision(HttpExchange exchange) {
        String revision = exchange.getRequestHeaders().getFirst("Ripple-Revision");
        return revision == null ? -1 : Long.parseLong(revision);
    }

    /**
     * The event number of a replica {@code PUT} whose raw path starts with {@code pathPrefix} (a round's keys or
     * base path), its revision; −1 for any other request, e.g. a late one of an earlier round.
     */
    static ToLongFunction<HttpExchange> revisionUnder(String pathPrefix) {
        return exchange -> exchange.getRequestURI().getRawPath().startsWith(pathPrefix) ? revision(exchange) : -1;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
            Round current = round;
            if (current != null) {
                current.record(exchange);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** What arrived in one round. Thread-safe. */
    static final class Round {
        private final AtomicLongArray arrived;
        private final ToLongFunction<HttpExchange> eventOf;
        private final ConcurrentHashMap<String, Long> lastByKey = new ConcurrentHashMap<>();
        private final AtomicLong delivered = new AtomicLong();
        private final CountDownLatch all;
        private final AtomicLong reordered = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong firstNanos = new AtomicLong();
        private final AtomicLong lastNanos = new AtomicLong();

        private Round(int events, ToLongFunction<HttpExchange> eventOf) {
            this.arrived = new AtomicLongArray(events);
            this.all = new CountDownLatch(events);
            this.eventOf = eventOf;
        }

        private void record(HttpExchange exchange) {
            long now = System.nanoTime();
            long event = eventOf.applyAsLong(exchange);
            if (event < 0 || event >= arrived.length()) {
                return;
            }
            firstNanos.compareAndSet(0, now);
            lastNanos.accumulateAndGet(now, Math::max);
            if (!arrived.compareAndSet((int) event, 0, now)) {
                duplicates.incrementAndGet();
                return;
            }
            delivered.incrementAndGet();
            all.countDown();
            String key = exchange.getRequestURI().getRawPath();
            lastByKey.merge(key, event, (previous, next) -> {
                if (previous > next) {
                    reordered.incrementAndGet();
                    return previous;
                }
                return next;
            });
        }

        /** Waits until every expected event has arrived, or {@code millis} have passed; whether all have. */
        boolean awaitAll(long millis) throws InterruptedException {
            return all.await(millis, TimeUnit.MILLISECONDS);
        }

        /** Distinct events that arrived so far. */
        long delivered() {
            return delivered.get();
        }

        /**
         * Each event's ms from when it was sent ({@code sent}, nanoTime per event) to its first arrival; infinite for
         * one that never arrived.
         */
        double[] millisFrom(AtomicLongArray sent) {
            double[] millis = new double[arrived.length()];
            for (int i = 0; i < millis.length; i++) {
                long at = arrived.get(i);
                millis[i] = at == 0 ? Double.POSITIVE_INFINITY : (at - sent.get(i)) / 1e6;
            }
            return millis;
        }

        /** The latest first arrival of any event ({@link System#nanoTime()}), or {@code since} if none is later. */
        long lastArrivalAfter(long since) {
            long last = since;
            for (int i = 0; i < arrived.length(); i++) {
                last = Math.max(last, arrived.get(i));
            }
            return last;
        }

        /** Nanoseconds from the first arrival to the last. */
        long spanNanos() {
            return lastNanos.get() - firstNanos.get();
        }

        Correctness correctness() {
            return new Correctness(arrived.length(), delivered.get(), reordered.get(), duplicates.get());
        }
    }
}
