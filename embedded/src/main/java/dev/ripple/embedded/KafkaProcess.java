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
 * {@code kill -9} of a client JVM cannot take down. Formatted in a temporary directory; its output goes to
 * {@code <dataDir>/.log}.
 *
 * <p>Thread-safe. {@link #close()} stops it (SIGTERM) and deletes the directory; so does JVM shutdown.
 */
public final class KafkaProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaProcess(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats a directory, starts the broker with at most {@code maxHeap} of heap (e.g. {@code 512m}) and waits
     * until it answers an admin request.
     *
     * @throws EmbeddedException if it does not within 90 s (with the tail of its output)
     */
    public static KafkaProcess start(String maxHeap) {
        Path dataDir = TempDirs.create("kafka");
        int[] ports = FreePorts.pick(2);
        String bootstrap = "127.0.0.1:" + ports[0];
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
        // the admin probe only once the port is open: an admin client warns of every refused connection
        ChildProcess child = ChildProcess.start("kafka", command, dataDir, STARTUP_TIMEOUT,
                () -> listening(ports[0]) && KafkaBrokerConfig.answersAdmin(bootstrap));
        return new KafkaProcess(child, bootstrap);
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

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** The file the broker writes its output to. */
    public Path logFile() {
        return process.dataDir().resolve(".log");
    }

    /** Whether the broker process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker and deletes its data. Idempotent. */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "Kafka broker process " + process.pid() + " at " + bootstrapServers;
    }
}
