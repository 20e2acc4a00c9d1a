package dev.ripple.runtime.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of a {@link RippleHttpServer}, so that slow, idle or numerous clients cannot take the threads that
 * {@code /healthz}, reads and publishes need (DESIGN.md 13). Immutable.
 *
 * @param idleTimeout a connection with nothing sent or received for this long is closed
 * @param minRequestDataRate bytes per second a request body must arrive at, on average from the end of its headers
 *     once {@link #RATE_GRACE} has passed; slower bodies are answered 408 and their connection closed. Bodies are read
 *     without a thread up to {@code bufferedBodyBytes}, so a slow body holds no thread while it trickles in.
 * @param maxConnections open connections at most; beyond, new connections wait in the accept queue
 * @param maxThreads the request thread pool's size
 * @param bufferedBodyBytes a body is read into memory, without a thread, up to this many bytes before its handler
 *     runs; the handler reads the rest of a larger body itself (at least the largest body a handler accepts, so that
 *     no accepted body can hold a thread while it trickles)
 * @param maxBufferedBytes all bodies being buffered at once take at most this much memory; a body that would pass
 *     it is answered 503 with {@code Retry-After}
 */
public record HttpServerOptions(Duration idleTimeout, long minRequestDataRate, int maxConnections, int maxThreads,
        int bufferedBodyBytes, long maxBufferedBytes) {
    /** How long a body may take before its rate is checked at all. */
    public static final Duration RATE_GRACE = Duration.ofSeconds(1);

    public HttpServerOptions {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(Duration.ofMillis(100)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("Invalid value " + idleTimeout + " for idleTimeout: must be 100 ms to "
                    + "1 h");
        }
        check(minRequestDataRate, "minRequestDataRate", 1, 1L << 30);
        check(maxConnections, "maxConnections", 1, 1_000_000);
        check(maxThreads, "maxThreads", 8, 10_000);
        check(bufferedBodyBytes, "bufferedBodyBytes", 1024, 256L << 20);
        check(maxBufferedBytes, "maxBufferedBytes", bufferedBodyBytes, 64L << 30);
    }

    /**
     * Idle timeout 30 s, bodies at 1 KiB/s at least, 2,000 connections, 200 threads, bodies buffered up to 16 MiB
     * (the intake's default {@code max_body_bytes}) and 256 MiB in all.
     */
    public static HttpServerOptions defaults() {
        return new HttpServerOptions(Duration.ofSeconds(30), 1024, 2_000, 200, 16 << 20, 256L << 20);
    }

    public HttpServerOptions withIdleTimeout(Duration timeout) {
        return new HttpServerOptions(timeout, minRequestDataRate, maxConnections, maxThreads, bufferedBodyBytes,
                maxBufferedBytes);
    }

    public HttpServerOptions withMinRequestDataRate(long bytesPerSecond) {
        return new HttpServerOptions(idleTimeout, bytesPerSecond, maxConnections, maxThreads, bufferedBodyBytes,
                maxBufferedBytes);
    }

    public HttpServerOptions withMaxConnections(int connections) {
        return new HttpServerOptions(idleTimeout, minRequestDataRate, connections, maxThreads, bufferedBodyBytes,
                maxBufferedBytes);
    }

    public HttpServerOptions withMaxThreads(int threads) {
        return new HttpServerOptions(idleTimeout, minRequestDataRate, maxConnections, threads, bufferedBodyBytes,
                maxBufferedBytes);
    }

    public HttpServerOptions withBufferedBodyBytes(int bytes) {
        return new HttpServerOptions(idleTimeout, minRequestDataRate, maxConnections, maxThreads, bytes,
                maxBufferedBytes);
    }

    public HttpServerOptions withMaxBufferedBytes(long bytes) {
        return new HttpServerOptions(idleTimeout, minRequestDataRate, maxConnections, maxThreads, bufferedBodyBytes,
                bytes);
    }

    private static void check(long value, String name, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + name + ": must be " + min + " to "
                    + max);
        }
    }
}
