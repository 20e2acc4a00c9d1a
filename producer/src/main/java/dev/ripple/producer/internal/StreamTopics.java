package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the source topic of every configured stream (and the intake's dead-letter topic) with the cluster's
 * partition count, and waits until they can be written ({@link Topics}), so the first publish does not race the
 * topic's creation. An existing topic with another partition count is reported, not changed: repartitioning a source
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
            Topics.createAndAwait(admin, wanted, partitions, TIMEOUT).values().forEach(d -> {
                if (d.name().startsWith(topics.prefix() + ".stream.") && d.partitions().size() != partitions) {
                    log.error("Topic {} has {} partitions but the cluster setting is {}; events are still "
                            + "published to it, but region topics will not be co-partitioned with it. Recreate it "
                            + "(an epoch change) or fix the setting.", d.name(), d.partitions().size(), partitions);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            log.error("Could not create the stream topics {}: {}. Publishing to them fails until they exist.",
                    wanted, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
