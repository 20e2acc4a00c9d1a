package dev.ripple.runtime.kafka;

import dev.ripple.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a list of {@link TopicSpec}s that are missing and verifies those that exist: the one routine
 * every part runs at start. A co-partitioned topic with another partition count is a {@link TopicMismatchException};
 * other differences (replication, configs) are left as the operator set them. Stateless; thread-safe.
 */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {}

    /**
     * Creates what is missing, waits until all of {@code specs} can be written (so a first idempotent send does not
     * meet NOT_LEADER_OR_FOLLOWER), then verifies every partition count that must match.
     *
     * @return the descriptions of all of {@code specs}, by name
     * @throws TopicMismatchException for the first co-partitioned topic with another partition count
     * @throws KafkaSetupException if Kafka refuses or does not answer within {@code timeout}
     */
    public static Map<String, TopicDescription> ensure(Admin admin, List<TopicSpec> specs, Duration timeout) {
        Map<String, TopicSpec> byName = byName(specs);
        try {
            Map<String, TopicDescription> existing = describeExisting(admin, byName, timeout);
            List<NewTopic> missing = byName.values().stream().filter(s -> !existing.containsKey(s.name()))
                    .map(s -> new NewTopic(s.name(), Optional.of(s.partitions()), s.replication())
                            .configs(s.configs())).toList();
            var creations = missing.isEmpty() ? Map.<String, KafkaFuture<Void>>of()
                    : admin.createTopics(missing).values();
            for (var created : creations.entrySet()) {
                try {
                    created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} with {} partitions", created.getKey(),
                            byName.get(created.getKey()).partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // created meanwhile by another part: verified below
                }
            }
            Map<String, TopicDescription> described = Topics.awaitWritable(admin, byName.keySet(), timeout);
            described.values().forEach(d -> verify(byName.get(d.name()), d));
            return described;
        } catch (ExecutionException e) {
            throw new KafkaSetupException("Kafka refused a request for topics " + byName.keySet() + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaSetupException("Kafka did not answer, or did not make topics " + byName.keySet()
                    + " writable, within " + timeout.toSeconds() + " s; is it reachable?"
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("Interrupted while ensuring topics " + byName.keySet(), e);
        }
    }

    /**
     * Checks {@code specs} without creating anything.
     *
     * @return one line per problem (a missing topic, a partition count that must match and does not); empty when
     *     all is well
     * @throws KafkaSetupException if Kafka refuses or does not answer within {@code timeout}
     */
    public static List<String> check(Admin admin, List<TopicSpec> specs, Duration timeout) {
        Map<String, TopicSpec> byName = byName(specs);
        try {
            Map<String, TopicDescription> existing = describeExisting(admin, byName, timeout);
            List<String> problems = new ArrayList<>();
            for (TopicSpec spec : byName.values()) {
                TopicDescription d = existing.get(spec.name());
                if (d == null) {
                    problems.add("Topic " + spec.name() + " is missing");
                } else if (spec.coPartitioned() && d.partitions().size() != spec.partitions()) {
                    problems.add(new TopicMismatchException(spec, d.partitions().size()).getMessage());
                }
            }
            return problems;
        } catch (ExecutionException e) {
            throw new KafkaSetupException("Kafka refused to describe topics " + byName.keySet() + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaSetupException("Kafka did not describe topics within " + timeout.toSeconds()
                    + " s; is it reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("Interrupted while checking topics " + byName.keySet(), e);
        }
    }

    private static Map<String, TopicSpec> byName(List<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.putIfAbsent(s.name(), s));
        return byName;
    }

    private static Map<String, TopicDescription> describeExisting(Admin admin, Map<String, TopicSpec> byName,
            Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
        var names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> present = byName.keySet().stream().filter(names::contains).toList();
        if (present.isEmpty()) {
            return Map.of();
        }
        KafkaFuture<Map<String, TopicDescription>> described = admin.describeTopics(present).allTopicNames();
        return described.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void verify(TopicSpec spec, TopicDescription description) {
        int actual = description.partitions().size();
        if (spec.coPartitioned() && actual != spec.partitions()) {
            throw new TopicMismatchException(spec, actual);
        }
    }
}
