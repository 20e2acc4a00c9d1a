package dev.ripple.embedded;

import dev.ripple.embedded.internal.ChildProcess;
import dev.ripple.embedded.internal.FreePorts;
import dev.ripple.embedded.internal.KafkaBrokerConfig;
import dev.ripple.embedded.internal.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A single-node KRaft broker run as its own OS process ({@code kafka.Kafka server.properties}) from this JVM's
 * class path, which holds the broker's classes: the production shape of a broker on one machine, which a
 * {@code kill -9} of a client JVM cannot take down. Formatted in a temporary directory; its output is appended to
 * {@code <dataDir>/.log}.
 *
 * <p>Lifecycle: {@link #start} returns it running. {@link #kill()} takes it down as a crash does (SIGKILL), keeping
 * its ports and data; {@link #restart()} starts it again on them and waits until it answers, so an outage is
 * {@code kill()}, a wait, {@code restart()}. {@link #close()} stops it (SIGTERM) and deletes the data, from either
 * state; so does JVM shutdown while it runs.
 * <pre>
 * start() ──► RUNNING ──kill()──► DOWN ──restart()──► RUNNING   (restart() of a RUNNING broker kills it first)
 * RUNNING or DOWN ──close()──► CLOSED
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class KafkaProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final List<String> command;
    private final Path dataDir;
    private final int port;
    private final String bootstrapServers;
    private volatile ChildProcess process;
    private volatile boolean ownerStops;

    private KafkaProcess(List<String> command, Path dataDir, int port) {
        this.command = command;
        this.dataDir = dataDir;
        this.port = port;
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /**
     * Formats a directory, starts the broker with at most {@code maxHeap} of heap (e.g. {@code 512m}) and waits
     * until it answers an admin request and its group and transaction coordinators answer.
     *
     * @throws EmbeddedException if it does not within 90 s (with the tail of its output)
     */
    public static KafkaProcess start(String maxHeap) {
        Path dataDir = TempDirs.create("kafka");
        int[] ports = FreePorts.pick(2);
        Path logs = dataDir.resolve("logs");
        Path config = dataDir.resolve("server.properties");
        try {
            KafkaBrokerConfig.format(logs);
            Files.writeString(config, new TreeMap<>(KafkaBrokerConfig.singleNode(ports[0], ports[1], logs, Map.of()))
                    .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            TempDirs.deleteRecursively(dataDir);
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            TempDirs.deleteRecursively(dataDir);
            throw new EmbeddedException("Could not format a Kafka data directory in " + dataDir + ": " + e, e);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), "kafka.Kafka", config.toString());
        KafkaProcess kafka = new KafkaProcess(command, dataDir, ports[0]);
        kafka.launch();
        try {
            KafkaBrokerConfig.createCoordinatorTopics(kafka.bootstrapServers, STARTUP_TIMEOUT);
        } catch (Exception e) {
            kafka.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new EmbeddedException("The Kafka broker at " + kafka.bootstrapServers + " answers, but its group "
                    + "and transaction coordinators did not within " + STARTUP_TIMEOUT.toSeconds() + " s: " + e, e);
        }
        return kafka;
    }

    private void launch() {
        // the admin probe only once the port is open: an admin client warns of every refused connection
        process = ChildProcess.start("kafka", command, dataDir, STARTUP_TIMEOUT,
                () -> listening(port) && KafkaBrokerConfig.answersAdmin(bootstrapServers));
        if (ownerStops) {
            process.leaveStopToOwner();
        }
    }

    /**
     * Leaves stopping the broker to {@link #close()} alone, also after a {@link #restart()}: JVM shutdown no longer
     * stops it by itself. For an owner that closes it from its own shutdown hook after its clients, so that SIGTERM
     * does not stop the broker under them.
     *
     * @return this
     */
    public synchronized KafkaProcess leaveStopToOwner() {
        ownerStops = true;
        process.leaveStopToOwner();
        return this;
    }

    /**
     * Kills the broker with SIGKILL, as a crash or a lost host would: no controlled shutdown, open transactions
     * and client connections cut. Its ports and data stay (what it acknowledged is in the OS's page cache, which a
     * process crash does not lose), and clients see no broker until {@link #restart()}. Returns once the process is
     * gone. Idempotent.
     */
    public synchronized void kill() {
        process.killKeepingData();
    }

    /**
     * Starts the broker again on the same ports and data (killing it first if it runs) and waits until it answers
     * an admin request: it recovers its logs after a kill, and clients reconnect by themselves.
     *
     * @throws EmbeddedException if it does not answer within 90 s (its data is then deleted)
     */
    public synchronized void restart() {
        process.killKeepingData();
        launch();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The operating-system process id; a {@link #restart()} gives a new one. */
    public long pid() {
        return process.pid();
    }

    /** The file the broker writes its output to, every run's. */
    public Path logFile() {
        return dataDir.resolve(".log");
    }

    /** Whether the broker process runs: false after {@link #kill()} until {@link #restart()}. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "Kafka broker process " + process.pid() + " at " + bootstrapServers;
    }
}
