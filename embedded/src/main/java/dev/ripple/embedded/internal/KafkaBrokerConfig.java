package dev.ripple.embedded.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** The broker properties, storage format and readiness probe of a single-node KRaft cluster on 127.0.0.1. */
public final class KafkaBrokerConfig {
    public static final int NODE_ID = 1;
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The group and transactional id that {@link #createCoordinatorTopics} asks about; neither ever exists. */
    private static final String COORDINATOR_PROBE = "ripple-embedded-coordinator-probe";
    private static final String GROUPS_TOPIC = "__consumer_offsets";
    private static final String TRANSACTIONS_TOPIC = "__transaction_state";
    /** How long one request to create the coordinator topics is given to show in the broker's metadata. */
    private static final Duration CREATION_WAIT = Duration.ofSeconds(10);

    private KafkaBrokerConfig() {}

    /**
     * Properties for one combined broker + controller. With a single broker the internal topics must have
     * replication factor 1 and min.isr 1, or exactly-once Streams waits 60 s for a transaction coordinator.
     */
    public static Map<String, String> singleNode(int brokerPort, int controllerPort, Path dataDir,
            Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("metadata.log.dir", dataDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        // a cold JVM's first controller events (activation, registrations) take seconds on a busy machine: class
        // loading and JIT, not the broker. Past the default 2 s the controller logs each at ERROR ("Exceptionally slow
        // controller event"); an event that takes 30 s is still logged
        p.put("controller.performance.always.log.threshold.ms", "30000");
        // a transaction's first write to a partition while the last one's markers are still being written is held
        // and retried by the broker (CONCURRENT_TRANSACTIONS); by default 20 ms later, which back-to-back short
        // exactly-once commits (ripple up commits every few ms) hit often. Markers on one broker take about 1 ms
        p.put("add.partitions.to.txn.retry.backoff.ms", "1");
        p.putAll(overrides);
        return Map.copyOf(p);
    }

    /** Formats a fresh directory; a directory that holds a broker's data already is restarted as it is. */
    public static void format(Path dataDir) throws Exception {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .run();
    }

    /**
     * Has the broker create its group and transaction coordinators' topics ({@code __consumer_offsets},
     * {@code __transaction_state}) now, and returns once both coordinators answer. Otherwise the first clients'
     * concurrent FindCoordinator requests each ask the controller to create them, and all but the first are logged at
     * WARN ("Auto topic creation failed … TOPIC_ALREADY_EXISTS"). So does a retry that comes before the broker has
     * learnt of the topic it asked for: each is asked for once, then awaited in the metadata, then used. It also spares
     * the first consumer group and transaction the wait.
     *
     * @throws Exception if a coordinator does not answer within {@code timeout}
     */
    public static void createCoordinatorTopics(String bootstrapServers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int millis = (int) timeout.toMillis();
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Map<String, Object> once = new HashMap<>(props);
        once.put(AdminClientConfig.RETRIES_CONFIG, 0);
        try (Admin asker = Admin.create(once); Admin admin = Admin.create(props)) {
            while (!hasLeaders(admin, List.of(GROUPS_TOPIC, TRANSACTIONS_TOPIC))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("No " + GROUPS_TOPIC + " and " + TRANSACTIONS_TOPIC + " within "
                            + timeout.toMillis() + " ms");
                }
                ignoring(() -> findGroupCoordinator(asker, millis));
                ignoring(() -> findTransactionCoordinator(asker, millis));
                Poll.until(CREATION_WAIT, () -> hasLeaders(admin, List.of(GROUPS_TOPIC, TRANSACTIONS_TOPIC)));
            }
            findGroupCoordinator(admin, millis);
            findTransactionCoordinator(admin, millis);
        }
    }

    /** Asks for the group coordinator, as a consumer group's first step does. */
    private static Object findGroupCoordinator(Admin admin, int millis) throws Exception {
        return admin.listConsumerGroupOffsets(COORDINATOR_PROBE).partitionsToOffsetAndMetadata()
                .get(millis, TimeUnit.MILLISECONDS);
    }

    /** Asks for the transaction coordinator, as a transactional producer's first step does. */
    private static Object findTransactionCoordinator(Admin admin, int millis) throws Exception {
        try {
            return admin.describeTransactions(List.of(COORDINATOR_PROBE)).all().get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // the coordinator answered that it knows no such transaction: what was asked
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                throw e;
            }
            return null;
        }
    }

    private static boolean hasLeaders(Admin admin, List<String> topics) throws InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Runs {@code ask} for its side effect: an error (coordinator not available yet) is expected. */
    private static void ignoring(Callable<?> ask) throws InterruptedException {
        try {
            ask.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception expected) {
            // COORDINATOR_NOT_AVAILABLE: the broker has asked the controller for the topic, which is the point
        }
    }

    /** Whether the broker at {@code bootstrapServers} answers an admin request with at least one node. */
    public static boolean answersAdmin(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }
}
