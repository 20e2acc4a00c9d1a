package dev.ripple.cachepurger;

import dev.ripple.cachepurger.internal.KafkaPurgeSubscriber;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import dev.ripple.runtime.lifecycle.State;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small consumer of {@code ripple.purge.<region>} for a cache that purges itself instead of (or besides) being
 * purged by a {@link CachePurger}. The handler sees every purge request of the region, in partition order
 * (watermarks are skipped); offsets are committed only after the handler returned. A handler that throws gets the
 * same request again after {@link Options#retryBackoff()}, its partition paused meanwhile: nothing is skipped.
 *
 * <pre>
 * CacheClient cache = CacheClient.connect(redis, Duration.ofSeconds(2));
 * PurgeSubscriber subscriber = PurgeSubscriber.start(PurgeSubscriber.Options.of("kafka:9092", "esams", "my-cache"),
 *         request -> cache.purge(request, Duration.ofMinutes(1)));
 * </pre>
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 *                │                      ▲
 *                └──(Kafka fails)──▶ FAILED ──close()
 * </pre>
 */
public interface PurgeSubscriber extends AutoCloseable {

    /** What a subscriber does with each purge request; called on the subscriber's thread, one at a time. */
    @FunctionalInterface
    interface Handler {
        void onPurge(PurgeRequest request) throws Exception;
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param region whose purge topic to read
     * @param groupId the subscriber's own consumer group (not the purger's)
     * @param topics topic naming
     * @param retryBackoff wait before a failed request is handed over again
     * @param kafkaOverrides extra consumer properties
     */
    record Options(String bootstrapServers, String region, String groupId, TopicNames topics, Duration retryBackoff,
            Map<String, Object> kafkaOverrides) {
        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            TopicNames.requireName("region", region);
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(topics, "topics");
            Checks.positive(retryBackoff, "retry_backoff");
            kafkaOverrides = Collections.unmodifiableMap(new HashMap<>(kafkaOverrides));
        }

        /** Default topics, a 1 s retry backoff, no overrides. */
        public static Options of(String bootstrapServers, String region, String groupId) {
            return new Options(bootstrapServers, region, groupId, TopicNames.defaults(), Duration.ofSeconds(1),
                    Map.of());
        }
    }

    /** Subscribes and starts handing requests to {@code handler} on a thread of its own. */
    static PurgeSubscriber start(Options options, Handler handler) {
        return KafkaPurgeSubscriber.start(options, handler);
    }

    /** The lifecycle {@link State} now; see the class diagram. */
    State state();

    /** Why the subscriber failed, if it did. */
    Optional<Throwable> failure();

    /** Stops after the request being handled, commits and closes the consumer. Idempotent. */
    @Override
    void close();
}
