package dev.ripple.replica;

import dev.ripple.events.TopicNames;
import dev.ripple.replica.internal.KafkaPositionsFeed;
import dev.ripple.runtime.lifecycle.State;
import java.util.Map;

/**
 * Follows {@code ripple.positions} from its beginning (no consumer group) and offers every region's position to a
 * {@link RegionPositions}: how a read API learns the positions of regions it does not apply itself, for redirects
 * and staleness. Positions there are published after the applies are durable, so they are lower bounds.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPED       (its thread ended by an error: FAILED)
 * </pre>
 *
 * <p>Thread-safe; one thread of its own.
 */
public interface PositionsFeed extends AutoCloseable {

    /**
     * Starts following. If the topic does not exist yet, it is looked for again every second.
     *
     * @param kafkaOverrides further consumer properties (TLS, SASL, …)
     */
    static PositionsFeed start(String bootstrapServers, TopicNames topics, Map<String, String> kafkaOverrides,
            RegionPositions target) {
        return KafkaPositionsFeed.start(bootstrapServers, topics, kafkaOverrides, target);
    }

    /** {@link State#RUNNING} while its thread runs; see the class diagram. */
    State state();

    /** Positions offered so far. */
    long received();

    /** Stops the thread and closes the consumer. Idempotent. */
    @Override
    void close();
}
