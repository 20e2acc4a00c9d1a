package dev.ripple.runtime.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/**
 * How fast a consumer group hands the partitions of a member that died without leaving ({@code kill -9}, a lost host
 * or network) to a survivor: within {@link #BOUND}. {@link KafkaClients} gives these settings to every Ripple consumer
 * that has a group and to the Streams application, below the operator's properties, so an operator's
 * {@code session.timeout.ms} (or any other of them) still wins.
 *
 * <p>Kafka's own default session timeout is 45 s: a killed member's partitions wait that long, unconsumed. Ripple
 * uses the classic group protocol with a {@value #SESSION_TIMEOUT_MS} ms session, the least a broker accepts by
 * default ({@code group.min.session.timeout.ms}), and a heartbeat every {@value #HEARTBEAT_INTERVAL_MS} ms: a
 * member is dropped after four heartbeats missed in a row, and a survivor hears of the rebalance at its next
 * heartbeat. Cooperative rebalancing ({@link CooperativeStickyAssignor}; Streams' own assignor is cooperative
 * already) moves only the dead member's partitions: the survivors keep consuming theirs throughout.
 *
 * <p>Not the new consumer group protocol (KIP-848, {@code group.protocol=consumer}): there the session timeout and
 * heartbeat interval are the broker's ({@code group.consumer.session.timeout.ms}, at least
 * {@code group.consumer.min.session.timeout.ms}, both 45 s by default), and a client may not set them, so failover
 * would take 45 s on a cluster with default settings. An operator who runs a cluster tuned for it may still choose it
 * ({@code --kafka-property group.protocol=consumer}); the classic settings here are then left out, as the consumer
 * refuses them under that protocol. No static membership ({@code group.instance.id}) either: a static member does
 * not leave when it stops, so its partitions wait for its return or the end of its session on every restart, which
 * only pays with a long session; a killed member's partitions wait the session either way.
 *
 * <p>A broker whose {@code group.min.session.timeout.ms} was raised above {@value #SESSION_TIMEOUT_MS} ms refuses
 * the join ({@code InvalidSessionTimeoutException}); give such a cluster {@code session.timeout.ms} within its range.
 */
public final class GroupFailover {
    /** {@code session.timeout.ms}: a member without a heartbeat for this long leaves the group. */
    public static final int SESSION_TIMEOUT_MS = 6_000;
    /** {@code heartbeat.interval.ms}: a quarter of the session. */
    public static final int HEARTBEAT_INTERVAL_MS = 1_500;
    /**
     * The promise: a killed member's partitions are owned by a survivor within this time — the session, one
     * heartbeat for the survivors to hear of the rebalance, and the rebalance itself.
     */
    public static final Duration BOUND = Duration.ofSeconds(10);

    private static final Map<String, Object> CLASSIC = Map.of(
            "session.timeout.ms", SESSION_TIMEOUT_MS,
            "heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS,
            "partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    private static final Map<String, Object> STREAMS = Map.of(
            "session.timeout.ms", SESSION_TIMEOUT_MS,
            "heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS);

    private GroupFailover() {}

    /**
     * The defaults of a consumer in a group: none under {@code group.protocol=consumer}, where the broker decides.
     *
     * @param groupProtocol the {@code group.protocol} the consumer will have; null for Kafka's default (classic)
     */
    static Map<String, Object> consumerDefaults(Object groupProtocol) {
        return groupProtocol != null && "consumer".equalsIgnoreCase(groupProtocol.toString().trim()) ? Map.of()
                : CLASSIC;
    }

    /**
     * The defaults of the Streams application: the session and heartbeat. Streams fixes its own (cooperative)
     * assignor; under {@code group.protocol=streams} the broker decides and Streams ignores these.
     */
    static Map<String, Object> streamsDefaults() {
        return STREAMS;
    }
}
