package dev.ripple.embedded;

import dev.ripple.embedded.internal.Binaries;
import dev.ripple.embedded.internal.ChildProcess;
import dev.ripple.embedded.internal.FreePorts;
import dev.ripple.embedded.internal.RedisPing;
import dev.ripple.embedded.internal.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@code redis-server} started from PATH on a random loopback port, with persistence off and a temporary
 * working directory. Set {@code RIPPLE_REDIS_BINARY} to use a binary that is not on PATH. For a Redis that needs
 * nothing installed, use {@link EmbeddedRedis}.
 *
 * <p>Thread-safe. {@link #close()} stops the process and deletes the directory; so does JVM shutdown.
 */
public final class RedisProcess implements AutoCloseable {
    static final String INSTALL_HINT =
            "Install it with 'sudo apt-get install redis-server' (Debian/Ubuntu), or set RIPPLE_REDIS_BINARY.";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final ChildProcess process;
    private final int port;

    private RedisProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts redis-server and waits until it answers {@code PING}.
     *
     * @throws MissingBinaryException if redis-server is not installed
     * @throws EmbeddedException if it does not answer within 20 s
     */
    public static RedisProcess start() {
        Path binary = Binaries.require("redis-server", "RIPPLE_REDIS_BINARY", INSTALL_HINT);
        int port = FreePorts.pick(1)[0];
        Path dataDir = TempDirs.create("redis");
        List<String> command = List.of(binary.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dataDir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--loglevel", "warning");
        ChildProcess process = ChildProcess.start("redis-server", command, dataDir, STARTUP_TIMEOUT,
                () -> RedisPing.pong(port));
        return new RedisProcess(process, port);
    }

    /** The server's URI, e.g. {@code redis://127.0.0.1:40123}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The redis-server process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether redis-server is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops redis-server and deletes its directory. Idempotent. */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "redis-server at " + uri() + " (pid " + pid() + ")";
    }
}
