package dev.ripple.embedded;

import java.io.IOException;
import java.nio.file.Path;
import redis.embedded.core.ExecutableProvider;

/**
 * The redis-server binary bundled in embedded-redis, run as {@link RedisProcess} runs the system's (random loopback
 * port, persistence off, a temporary directory): the Redis of {@code ripple up}, where nothing may need installing.
 * Tests prefer {@link RedisProcess}.
 *
 * <p>Only the binary comes from embedded-redis: its own launcher adds a JVM shutdown hook that cannot be removed,
 * which stopped Redis on SIGTERM in parallel with the clients that {@code ripple up} was still closing.
 *
 * <p>Thread-safe. {@link #close()} stops the server and deletes its working directory; so does JVM shutdown, unless
 * {@link #leaveStopToOwner()}.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final RedisProcess process;

    private EmbeddedRedis(RedisProcess process) {
        this.process = process;
    }

    /**
     * Extracts and starts the bundled redis-server, and waits until it answers {@code PING}.
     *
     * @throws EmbeddedException if it cannot start (for example on a platform the bundle lacks)
     */
    public static EmbeddedRedis start() {
        Path binary;
        try {
            binary = ExecutableProvider.newJarResourceProvider().get().toPath();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedException("Could not extract the redis-server bundled for this platform: " + e, e);
        }
        return new EmbeddedRedis(RedisProcess.start(binary, false));
    }

    /**
     * Leaves stopping the server to {@link #close()} alone, as {@link RedisProcess#leaveStopToOwner()}.
     *
     * @return this
     */
    public EmbeddedRedis leaveStopToOwner() {
        process.leaveStopToOwner();
        return this;
    }

    /** The server's URI, e.g. {@code redis://127.0.0.1:40123}. */
    public String uri() {
        return process.uri();
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return process.port();
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "embedded Redis at " + uri();
    }
}
