package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the source topic of every configured stream (and the intake's dead-letter topic) with the cluster's
 * partition count, and waits until each partition has a leader, so the first publish does not race the topic's
 * creation. An existing topic with another partition count is reported, not changed: repartitioning a source
 * topic is an epoch change (DESIGN.md section 5).
 */
final class StreamTopics {
    private static final Logger log = LoggerFactory.getLogger(StreamTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final TopicNames topics;
    private final int partitions;

    StreamTopics(Admin admin, TopicNames topics, int partitions) {
        this.admin = admin;
        this.topics = topics;
        this.partitions = partitions;
    }

    /** Ensures the topics of {@code config}'s streams exist; problems are logged, never thrown. */
    void ensure(ConfigSnapshot config) {
        List<String> wanted = new ArrayList<>();
        config.streams().keySet().forEach(stream -> wanted.add(topics.stream(stream)));
        wanted.add(topics.dlq(TopicNames.INTAKE));
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) -1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(),
                        partitions);
            }
            awaitLeaders(wanted);
        } catch (ExecutionException | TimeoutException e) {
            log.error("Could not create the stream topics {}: {}. Publishing to them fails until they exist.",
                    wanted, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitLeaders(List<String> names) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            boolean ready = true;
            for (TopicDescription d : described.values()) {
                if (d.name().startsWith(topics.prefix() + ".stream.") && d.partitions().size() != partitions) {
                    log.error("Topic {} has {} partitions but the cluster setting is {}; events are still "
                            + "published to it, but region topics will not be co-partitioned with it. Recreate it "
                            + "(an epoch change) or fix the setting.", d.name(), d.partitions().size(), partitions);
                }
                ready &= d.partitions().stream().allMatch(p -> p.leader() != null);
            }
            if (ready || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
