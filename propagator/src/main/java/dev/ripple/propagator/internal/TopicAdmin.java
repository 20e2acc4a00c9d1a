package dev.ripple.propagator.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.PartitionMismatchException;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.propagator.PropagatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks and creates the topics of a config: source streams and region topics with the cluster's partition
 * count (an existing one with another count is a {@link PartitionMismatchException} saying what to do), and the
 * conit log and dead-letter topics. Waits until each new topic has a leader for every partition, so the first
 * idempotent send does not meet NOT_LEADER_OR_FOLLOWER. Thread-safe.
 */
public final class TopicAdmin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final PropagatorConfig config;

    public TopicAdmin(PropagatorConfig config) {
        this.config = config;
        Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
        this.admin = Admin.create(props);
    }

    /** The topics a config needs: its streams, each region's replicate and purge topics, the side topics. */
    public List<TopicSpec> topicsOf(ConfigSnapshot snapshot) {
        TopicNames names = config.topics();
        int n = config.partitions();
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(config.maxRecordBytes()));
        List<TopicSpec> specs = new ArrayList<>();
        snapshot.streams().keySet().forEach(s -> specs.add(new TopicSpec(names.stream(s), n, true, "stream", large)));
        for (String region : snapshot.regions().keySet()) {
            specs.add(new TopicSpec(names.replicate(region), n, true, "region", large));
            specs.add(new TopicSpec(names.purge(region), n, true, "region", large));
        }
        specs.add(new TopicSpec(names.conitLog(), n, false, "side", Map.of()));
        specs.add(new TopicSpec(names.dlq(DeadLetterHandler.CONSUMER), n, false, "side", large));
        specs.add(new TopicSpec(names.dlq(TopicNames.CONFLICTS), n, false, "side", large));
        return specs;
    }

    /**
     * Checks every topic and creates the missing ones.
     *
     * @throws PartitionMismatchException for the first co-partitioned topic with another partition count
     * @throws PropagatorException if Kafka does not answer within 30 s
     */
    public void ensure(List<TopicSpec> specs) {
        Map<String, TopicSpec> missing = new HashMap<>();
        for (TopicSpec spec : specs) {
            describe(spec.name()).ifPresentOrElse(d -> check(spec, d), () -> missing.put(spec.name(), spec));
        }
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> creations = missing.values().stream().map(spec -> new NewTopic(spec.name(),
                Optional.of(spec.partitions()), replication()).configs(spec.configs())).toList();
        admin.createTopics(creations).values().forEach((name, future) -> {
            try {
                get(future);
                log.info("Created topic {} with {} partitions", name, missing.get(name).partitions());
            } catch (PropagatorException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                describe(name).ifPresent(d -> check(missing.get(name), d)); // created meanwhile by someone else
            }
        });
        awaitLeaders(List.copyOf(missing.keySet()));
    }

    private void check(TopicSpec spec, TopicDescription description) {
        int actual = description.partitions().size();
        if (spec.coPartitioned() && actual != spec.partitions()) {
            throw new PartitionMismatchException(spec.name(), spec.partitions(), actual, whatToDo(spec, actual));
        }
    }

    private static String whatToDo(TopicSpec spec, int actual) {
        if ("stream".equals(spec.kind())) {
            return "If the cluster's count really is " + actual + ", start the propagator with --partitions "
                    + actual + ". Otherwise the stream was repartitioned, which is a new epoch (DESIGN.md 5): "
                    + "recreate it with " + spec.partitions() + " partitions and raise /ripple/epoch.";
        }
        return "A region topic holds only what the propagator derives from the streams: delete " + spec.name()
                + " and start again to have it recreated with " + spec.partitions() + " partitions (its consumers "
                + "then start from its beginning), or, if " + actual + " is the streams' count, start the "
                + "propagator with --partitions " + actual + ".";
    }

    private Optional<TopicDescription> describe(String topic) {
        try {
            return Optional.of(get(admin.describeTopics(List.of(topic)).topicNameValues().get(topic)));
        } catch (PropagatorException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** New topics answer metadata requests before every partition has a leader: wait for that. */
    private void awaitLeaders(List<String> topics) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (haveLeaders(topics)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PropagatorException("Topics " + topics + " have partitions without a leader after "
                        + TIMEOUT.toSeconds() + " s; check the brokers");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50); // back-off between metadata requests to the broker
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PropagatorException("Interrupted while waiting for topic leaders", e);
            }
        }
    }

    private boolean haveLeaders(List<String> topics) {
        try {
            return get(admin.describeTopics(topics).allTopicNames()).values().stream().allMatch(d ->
                    d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (PropagatorException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not yet in the metadata this broker serves
            }
            throw e;
        }
    }

    private Optional<Short> replication() {
        return config.replicationFactor() == -1 ? Optional.empty() : Optional.of(config.replicationFactor());
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PropagatorException("Kafka refused a topic request: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PropagatorException("Kafka did not answer a topic request within " + TIMEOUT.toSeconds()
                    + " s; is it reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PropagatorException("Interrupted during a topic request", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
