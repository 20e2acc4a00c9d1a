package dev.ripple.replica;

import dev.ripple.events.RegionPosition;
import dev.ripple.replica.internal.KafkaReplicaApplier;
import dev.ripple.runtime.lifecycle.Startable;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies one region's topic {@code ripple.replicate.<region>} to its {@link ReplicaStore} and HTTP targets
 * (DESIGN.md 5.2, 6.3, 7), as consumer group {@link ReplicaConfig#groupId()}:
 * <ul>
 *   <li>records of a partition are applied in partition order, in batches, one batch in flight per partition;
 *       watermarks advance the position;</li>
 *   <li>a record is applied only once the region's applied position covers its dependencies. Until then its
 *       partition is paused ({@code consumer.pause}) while the others go on. A wait past
 *       {@link ReplicaLimits#dependencyWaitAlert()} is counted ({@link ReplicaMetricNames#DEPENDENCY_WAITS_EXCEEDED})
 *       and logged, and <b>the record keeps waiting</b>: availability yields to safety, a dependency is never
 *       skipped. Dependencies point at writes acknowledged before the dependent write, so waits end once the
 *       upstream partitions are applied;</li>
 *   <li>offsets are committed only after the batch is durable in the store (and every HTTP target); after a
 *       crash, replayed records are no-ops by the store's version gate;</li>
 *   <li>a failed batch is retried after {@link ReplicaLimits#retryBackoff()} with its partition paused; while a
 *       target's circuit breaker is open its partitions stay paused. Nothing is skipped; lag grows visibly;</li>
 *   <li>a record that cannot be read stops its partition (counted, logged at ERROR); the other partitions go
 *       on;</li>
 *   <li>the applier follows {@link ReplicaConfig#epoch()}, and any later epoch a record's dependencies carry: after
 *       a bump its position starts afresh, empty in the new epoch, and is published at once. Dependencies of an
 *       earlier epoch no longer hold a record back;</li>
 *   <li>the applied position is published to {@code ripple.positions} (keyed by region, compacted) within
 *       {@link ReplicaLimits#positionPublishInterval()} of changing.</li>
 * </ul>
 *
 * <pre>
 * NEW ──start()──▶ STARTING ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 *                      │            │                   ▲
 *                      └────────────┴─(fatal error)─▶ FAILED ──close()──┘
 * </pre>
 *
 * <p>Thread-safe. One loop thread per applier owns the Kafka consumer.
 */
public interface ReplicaApplier extends Startable {

    /**
     * An applier that has not started yet.
     *
     * @param clock for wait bounds, intervals and latencies
     */
    static ReplicaApplier create(ReplicaConfig config, ReplicaStore store, Clock clock) {
        return new KafkaReplicaApplier(config, store, clock);
    }

    /**
     * Reads the region's position from the store, makes sure {@code ripple.positions} exists, and starts the loop.
     *
     * @throws IllegalStateException if not {@link State#NEW}
     * @throws ReplicaException if the store or Kafka cannot be reached; the applier is then {@link State#FAILED}
     */
    void start();

    /** The lifecycle {@link State} now (the one vocabulary of {@code dev.ripple.runtime.lifecycle}). */
    State state();

    String region();

    /** The applied position as of the last durable batch (empty before {@link #start()}). */
    RegionPosition position();

    /** Why the applier failed, if it did. */
    Optional<Throwable> failure();

    /** Adds a listener; close the handle to remove it. */
    AutoCloseable addListener(ApplyListener listener);

    /** Meters of this applier (names in {@link ReplicaMetricNames}, tag {@code region}); bind them once. */
    MeterBinder metrics();

    /**
     * Stops polling, waits for batches in flight, commits their offsets, publishes the last position and closes
     * the consumer. Idempotent; does not close the store.
     */
    @Override
    void close();

    /**
     * Holds the region (true): it takes no new records, so its position stops advancing and its lag grows, and
     * nothing is lost; releases it (false) to go on. For maintenance, and to see enforcement work. Thread-safe.
     */
    void hold(boolean hold);
}
