package dev.ripple.embedded;

import dev.ripple.embedded.internal.FreePorts;
import dev.ripple.embedded.internal.KafkaBrokerConfig;
import dev.ripple.embedded.internal.Poll;
import dev.ripple.embedded.internal.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kafka broker in KRaft combined mode (broker and controller in one node) on 127.0.0.1, with
 * single-broker settings for the internal topics, so that exactly-once Streams and consumer groups work at once.
 * It starts in about 2 s.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Thread-safe. The data directory is deleted on close unless {@link Options#keepDataDir()} is set.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How to start the broker.
     *
     * @param dataDir where to keep logs and metadata; null for a fresh temporary directory. A directory that
     *     already holds a broker's data is started as it is (a restart), on new ports
     * @param keepDataDir whether {@link #close()} leaves the data directory in place
     * @param brokerOverrides broker properties that replace Ripple's defaults (see {@code KafkaBrokerConfig})
     * @param brokerPort the clients' port; 0 for a free one
     * @param controllerPort the KRaft controller's port; 0 for a free one
     */
    public record Options(Path dataDir, boolean keepDataDir, Map<String, String> brokerOverrides, int brokerPort,
            int controllerPort) {
        public Options {
            brokerOverrides = Map.copyOf(Objects.requireNonNull(brokerOverrides, "brokerOverrides"));
            if ((brokerPort == 0) != (controllerPort == 0)) {
                throw new IllegalArgumentException("Give both ports or neither, not " + brokerPort + " and "
                        + controllerPort);
            }
        }

        /** A temporary data directory, deleted on close, and Ripple's default broker settings. */
        public static Options defaults() {
            return new Options(null, false, Map.of(), 0, 0);
        }

        public Options withDataDir(Path dir, boolean keep) {
            return new Options(dir, keep, brokerOverrides, brokerPort, controllerPort);
        }

        public Options withBrokerOverrides(Map<String, String> overrides) {
            return new Options(dataDir, keepDataDir, overrides, brokerPort, controllerPort);
        }

        /**
         * On these ports rather than free ones: a broker behind a proxy (advertise the proxy's address with
         * {@code advertised.listeners} in {@link #withBrokerOverrides}), or restarted where clients knew it.
         */
        public Options withPorts(int newBrokerPort, int newControllerPort) {
            return new Options(dataDir, keepDataDir, brokerOverrides, newBrokerPort, newControllerPort);
        }
    }

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean keepDataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean keepDataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.keepDataDir = keepDataDir;
    }

    /** Starts a broker with {@link Options#defaults()}. */
    public static EmbeddedKafka start() {
        return start(Options.defaults());
    }

    /**
     * Formats the data directory, starts the broker and returns once an Admin client sees it and its group and
     * transaction coordinators answer.
     *
     * @throws EmbeddedException if it does not start or is not ready within 60 s; nothing is left running
     */
    public static EmbeddedKafka start(Options options) {
        Path dataDir = options.dataDir() != null ? options.dataDir() : TempDirs.create("kafka");
        boolean ownsDir = options.dataDir() == null && !options.keepDataDir();
        int[] ports = options.brokerPort() != 0 ? new int[] {options.brokerPort(), options.controllerPort()}
                : FreePorts.pick(2);
        Map<String, String> props = KafkaBrokerConfig.singleNode(ports[0], ports[1], dataDir,
                options.brokerOverrides());
        String bootstrap = "127.0.0.1:" + ports[0];
        KafkaRaftServer server;
        try {
            KafkaBrokerConfig.format(dataDir);
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            if (ownsDir) {
                TempDirs.deleteRecursively(dataDir);
            }
            throw new EmbeddedException("The embedded Kafka broker did not start on " + bootstrap + ": " + e, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, dataDir, !ownsDir);
        Throwable failure = Poll.until(READY_TIMEOUT, () -> KafkaBrokerConfig.answersAdmin(bootstrap));
        if (failure == null) {
            try {
                KafkaBrokerConfig.createCoordinatorTopics(bootstrap, READY_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            kafka.close();
            throw new EmbeddedException("The embedded Kafka broker on " + bootstrap + " did not become ready", failure);
        }
        log.debug("Kafka broker ready at {} (data in {})", bootstrap, dataDir);
        return kafka;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether the broker is running (not yet closed). */
    public boolean isRunning() {
        return !closed.get();
    }

    /** Shuts the broker down, waits for it, and deletes the data directory unless asked to keep it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (!keepDataDir) {
                TempDirs.deleteRecursively(dataDir);
            }
        }
    }

    @Override
    public String toString() {
        return "embedded Kafka at " + bootstrapServers;
    }
}
