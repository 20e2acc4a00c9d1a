package dev.ripple.embedded;

import dev.ripple.embedded.internal.Binaries;
import dev.ripple.embedded.internal.ChildProcess;
import dev.ripple.embedded.internal.FreePorts;
import dev.ripple.embedded.internal.TempDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A single-member {@code etcd} started from PATH on random loopback ports, with a temporary data directory.
 * Elections are tuned for one member (heartbeat 10 ms, election timeout 100 ms), so it is healthy in about
 * 0.1 s. Set {@code RIPPLE_ETCD_BINARY} to use a binary that is not on PATH.
 *
 * <p>Thread-safe. {@link #close()} stops the process and deletes the directory; so does JVM shutdown.
 * {@link #stopKeepingData()} and {@link #restart()} simulate an outage: the process goes, its data stays.
 */
public final class EtcdProcess implements AutoCloseable {
    static final String INSTALL_HINT =
            "Install it with 'sudo apt-get install etcd-server' (Debian/Ubuntu), or set RIPPLE_ETCD_BINARY.";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final List<String> command;
    private final Path dataDir;
    private final int clientPort;
    private volatile ChildProcess process;
    private volatile boolean ownerStops;

    private EtcdProcess(List<String> command, Path dataDir, int clientPort) {
        this.command = command;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
    }

    /**
     * Starts etcd and waits until {@code /health} answers true.
     *
     * @throws MissingBinaryException if etcd is not installed
     * @throws EmbeddedException if it does not become healthy within 20 s
     */
    public static EtcdProcess start() {
        Path binary = Binaries.require("etcd", "RIPPLE_ETCD_BINARY", INSTALL_HINT);
        int[] ports = FreePorts.pick(2);
        String client = "http://127.0.0.1:" + ports[0];
        String peer = "http://127.0.0.1:" + ports[1];
        Path dataDir = TempDirs.create("etcd");
        List<String> command = List.of(binary.toString(),
                "--name", "ripple",
                "--data-dir", dataDir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "ripple=" + peer,
                "--heartbeat-interval", "10", "--election-timeout", "100",
                "--logger", "zap", "--log-level", "warn");
        EtcdProcess etcd = new EtcdProcess(command, dataDir, ports[0]);
        etcd.launch();
        return etcd;
    }

    private void launch() {
        String client = endpoint();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(client + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        process = ChildProcess.start("etcd", command, dataDir, STARTUP_TIMEOUT,
                () -> http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"true\""));
        if (ownerStops) {
            process.leaveStopToOwner();
        }
    }

    /**
     * Leaves stopping etcd to {@link #close()} alone, also after a {@link #restart()}: JVM shutdown no longer
     * stops it by itself. For an owner that closes it from its own shutdown hook after its clients, so that SIGTERM
     * does not stop etcd under them.
     *
     * @return this
     */
    public synchronized EtcdProcess leaveStopToOwner() {
        ownerStops = true;
        process.leaveStopToOwner();
        return this;
    }

    /**
     * Stops etcd but keeps its data directory and ports, as a crash or a maintenance stop would; clients see it
     * unavailable until {@link #restart()}. Idempotent.
     */
    public synchronized void stopKeepingData() {
        process.stopKeepingData();
    }

    /**
     * Starts etcd again on the same ports and data directory (stopping it first, keeping its data, if it runs),
     * and waits until it is healthy. Revisions and keys survive; watchers and clients reconnect by themselves.
     *
     * @throws EmbeddedException if it does not become healthy within 20 s (its data is then deleted)
     */
    public synchronized void restart() {
        process.stopKeepingData();
        launch();
    }

    /** The client endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** The etcd process id. */
    public long pid() {
        return process.pid();
    }

    /** The temporary directory holding etcd's data; deleted on close. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether etcd is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops etcd and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "etcd at " + endpoint() + " (pid " + pid() + ")";
    }
}
