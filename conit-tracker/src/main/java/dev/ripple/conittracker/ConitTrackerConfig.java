package dev.ripple.conittracker;

import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the conit tracker runs.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics topic naming
 * @param publishInterval how often statuses are measured while a write is unapplied somewhere, each published when
 *     it changed (DESIGN 6.2: at least every 100 ms while anything changes); an unchanged status is published again
 *     as a heartbeat, every second or a quarter of its conit's {@code staleness_ms} if less
 * @param maxEntriesPerConit most unapplied writes held per conit; more are dropped and counted
 * @param kafkaOverrides further client properties (TLS, SASL, …) of the tracker's admin, consumer and producer
 */
public record ConitTrackerConfig(String bootstrapServers, TopicNames topics, Duration publishInterval,
        int maxEntriesPerConit, Map<String, Object> kafkaOverrides) {
    public ConitTrackerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(publishInterval, "publishInterval");
        if (publishInterval.isNegative() || publishInterval.isZero() || publishInterval.toMillis() > 100) {
            throw new IllegalArgumentException("Invalid value " + publishInterval + " for publishInterval: must be "
                    + "1 to 100 ms");
        }
        if (maxEntriesPerConit < 1) {
            throw new IllegalArgumentException("Invalid value " + maxEntriesPerConit + " for maxEntriesPerConit: "
                    + "must be at least 1");
        }
    }

    /** A config with no further client properties. */
    public ConitTrackerConfig(String bootstrapServers, TopicNames topics, Duration publishInterval,
            int maxEntriesPerConit) {
        this(bootstrapServers, topics, publishInterval, maxEntriesPerConit, Map.of());
    }

    /** 100 ms, 1,000,000 entries per conit. */
    public static ConitTrackerConfig defaults(String bootstrapServers) {
        return new ConitTrackerConfig(bootstrapServers, TopicNames.defaults(), Duration.ofMillis(100), 1_000_000);
    }

    public ConitTrackerConfig withKafkaOverrides(Map<String, Object> overrides) {
        return new ConitTrackerConfig(bootstrapServers, topics, publishInterval, maxEntriesPerConit, overrides);
    }

    public ConitTrackerConfig withTopics(TopicNames names) {
        return new ConitTrackerConfig(bootstrapServers, names, publishInterval, maxEntriesPerConit, kafkaOverrides);
    }
}
