package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicMismatchException;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the source topic of every configured stream (and the intake's refusals and dead-letter topics) as {@link RippleTopics}
 * specifies them, through {@link TopicProvisioner}, so the first publish does not race the topic's creation. An
 * existing topic with another partition count is reported, not changed: repartitioning a source topic is an epoch
 * change (DESIGN.md section 5).
 */
final class StreamTopics {
    private static final Logger log = LoggerFactory.getLogger(StreamTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final RippleTopics topics;

    StreamTopics(Admin admin, TopicNames topics, int partitions) {
        this.admin = admin;
        this.topics = RippleTopics.of(topics, partitions);
    }

    /** Ensures the topics of {@code config}'s streams exist; problems are logged, never thrown. */
    void ensure(ConfigSnapshot config) {
        List<TopicSpec> wanted = new ArrayList<>();
        config.streams().keySet().forEach(stream -> wanted.add(topics.stream(stream)));
        wanted.add(topics.refused(TopicNames.INTAKE));
        wanted.add(topics.dlq(TopicNames.INTAKE));
        while (!wanted.isEmpty()) {
            try {
                TopicProvisioner.ensure(admin, wanted, TIMEOUT);
                return;
            } catch (TopicMismatchException e) {
                log.error("{} Events are still published to it, but region topics will not be co-partitioned "
                        + "with it.", e.getMessage());
                wanted.remove(e.spec()); // and check the others
            } catch (KafkaSetupException e) {
                log.error("Could not create the stream topics {}: {}. Publishing to them fails until they exist.",
                        wanted.stream().map(TopicSpec::name).toList(), e.getMessage());
                return;
            }
        }
    }
}
