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
 * {@link #stopKeepingData()} and {@link #restart()} simulate an outage: the process goes, its port and directory
 * stay (persistence is off, so only what a {@code SAVE} wrote to {@code dump.rdb} survives a restart).
 */
public final class RedisProcess implements AutoCloseable {
    static final String INSTALL_HINT =
            "Install it with 'sudo apt-get install redis-server' (Debian/Ubuntu), or set RIPPLE_REDIS_BINARY.";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final List<String> command;
    private final Path dataDir;
    private final int port;
    private volatile ChildProcess process;
    private volatile boolean ownerStops;

    private RedisProcess(List<String> command, Path dataDir, int port) {
        this.command = command;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts redis-server and waits until it answers {@code PING}.
     *
     * @throws MissingBinaryException if redis-server is not installed
     * @throws EmbeddedException if it does not answer within 20 s
     */
    public static RedisProcess start() {
        return start(false);
    }

    /**
     * As {@link #start()}, but durable as README asks of a replica store: the append-only file on, fsynced every
     * second, so a restart keeps what was written up to a second before.
     */
    public static RedisProcess startDurable() {
        return start(true);
    }

    private static RedisProcess start(boolean appendOnly) {
        return start(Binaries.require("redis-server", "RIPPLE_REDIS_BINARY", INSTALL_HINT), appendOnly);
    }

    /** Starts {@code binary} as {@link #start()} starts the one on PATH. */
    static RedisProcess start(Path binary, boolean appendOnly) {
        int port = FreePorts.pick(1)[0];
        Path dataDir = TempDirs.create("redis");
        List<String> command = List.of(binary.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dataDir.toString(), "--save", "", "--appendonly", appendOnly ? "yes" : "no",
                "--appendfsync", "everysec",
                "--daemonize", "no", "--loglevel", "warning");
        RedisProcess redis = new RedisProcess(command, dataDir, port);
        redis.launch();
        return redis;
    }

    private void launch() {
        process = ChildProcess.start("redis-server", command, dataDir, STARTUP_TIMEOUT, () -> RedisPing.pong(port));
        if (ownerStops) {
            process.leaveStopToOwner();
        }
    }

    /**
     * Stops redis-server but keeps its port and directory, as a crash would; clients see it unavailable until
     * {@link #restart()}. Idempotent.
     */
    public synchronized void stopKeepingData() {
        process.stopKeepingData();
    }

    /**
     * Starts redis-server again on the same port and directory (stopping it first if it runs), and waits until it
     * answers {@code PING}. It loads {@code dump.rdb} if a {@code SAVE} wrote one; clients reconnect by themselves.
     *
     * @throws EmbeddedException if it does not answer within 20 s (its directory is then deleted)
     */
    public synchronized void restart() {
        process.stopKeepingData();
        launch();
    }

    /**
     * Leaves stopping redis-server to {@link #close()} alone, also after a {@link #restart()}: JVM shutdown no longer
     * stops it by itself. For an owner that closes it from its own shutdown hook after its clients, so that SIGTERM
     * does not stop Redis under them.
     *
     * @return this
     */
    public synchronized RedisProcess leaveStopToOwner() {
        ownerStops = true;
        process.leaveStopToOwner();
        return this;
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
    public synchronized void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "redis-server at " + uri() + " (pid " + pid() + ")";
    }
}
