package dev.ripple.embedded;

import dev.ripple.embedded.internal.FreePorts;
import dev.ripple.embedded.internal.Poll;
import dev.ripple.embedded.internal.RedisPing;
import dev.ripple.embedded.internal.TempDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * The Redis 6.2 binary bundled in embedded-redis, on a random loopback port with persistence off: the Redis of
 * {@code ripple up}, where nothing may need installing. Tests prefer {@link RedisProcess} (the system's Redis).
 *
 * <p>embedded-redis waits for the server's "Ready to accept connections" line, so the log level stays at notice.
 *
 * <p>Thread-safe. {@link #close()} stops the server and deletes its working directory.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final RedisServer server;
    private final int port;
    private final Path dataDir;

    private EmbeddedRedis(RedisServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Extracts and starts the bundled redis-server, and waits until it answers {@code PING}.
     *
     * @throws EmbeddedException if it cannot start (for example on a platform the bundle lacks)
     */
    public static EmbeddedRedis start() {
        int port = FreePorts.pick(1)[0];
        Path dataDir = TempDirs.create("embedded-redis");
        RedisServer server;
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
        } catch (IOException | RuntimeException e) {
            TempDirs.deleteRecursively(dataDir);
            throw new EmbeddedException("Embedded Redis did not start on port " + port + ": " + e.getMessage(), e);
        }
        EmbeddedRedis redis = new EmbeddedRedis(server, port, dataDir);
        Throwable failure = Poll.until(STARTUP_TIMEOUT, () -> RedisPing.pong(port));
        if (failure != null) {
            redis.close();
            throw new EmbeddedException("Embedded Redis on port " + port + " did not answer PING", failure);
        }
        return redis;
    }

    /** The server's URI, e.g. {@code redis://127.0.0.1:40123}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new EmbeddedException("Embedded Redis on port " + port + " did not stop cleanly", e);
        } finally {
            TempDirs.deleteRecursively(dataDir);
        }
    }

    @Override
    public String toString() {
        return "embedded Redis at " + uri();
    }
}
