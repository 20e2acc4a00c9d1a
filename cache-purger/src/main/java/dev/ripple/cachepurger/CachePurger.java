package dev.ripple.cachepurger;

import dev.ripple.cachepurger.internal.KafkaCachePurger;
import dev.ripple.config.ConfigView;
import dev.ripple.events.RegionPosition;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.runtime.http.TargetPolicy;
import dev.ripple.runtime.lifecycle.Startable;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Purges one region's caches (DESIGN.md section 8) from {@code ripple.purge.<region>}, as consumer group
 * {@link PurgerConfig#groupId()}:
 * <ul>
 *   <li>purges of different keys run concurrently (at most {@link PurgerLimits#maxInFlight()}); the purges of one
 *       key run one at a time, in partition order;</li>
 *   <li>each purge goes to every purge target of the region (documents {@code /ripple/purge-targets/<region>/*},
 *       followed live): Redis targets first (tombstones, {@code UNLINK} of keys and tagged keys, pipelined), then
 *       HTTP targets, tier after tier, each tier only once every node of the one before acknowledged;</li>
 *   <li>every target is guarded by a retry with exponential backoff and jitter, a circuit breaker, a rate limiter
 *       and a bulkhead ({@link TargetPolicy}). While a breaker is open the partitions are paused: lag grows, nothing
 *       is dropped. A purge a target refuses goes to {@code ripple.dlq.purger.<region>};</li>
 *   <li>offsets are committed only once every target acknowledged the purge, or it is in the dead-letter topic;
 *       watermarks and purges advance the purge position, published to {@code ripple.positions} under the key
 *       {@code purge:<region>} and kept in the committed offsets' metadata;</li>
 *   <li>identical purges of a key that wait together are sent once ({@link PurgerLimits#coalesceWindow()}).</li>
 * </ul>
 *
 * <pre>
 * NEW ──start()──▶ STARTING ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 *                      │            │                   ▲
 *                      └────────────┴─(fatal error)─▶ FAILED ──close()──┘
 * </pre>
 *
 * <p>Thread-safe. One loop thread per purger owns the Kafka consumer; targets answer on I/O threads.
 */
public interface CachePurger extends Startable {

    /** The prefix of the purge position's key on {@code ripple.positions}: {@code purge:<region>}. */
    String POSITION_KEY_PREFIX = dev.ripple.events.RegionPosition.PURGE_KEY_PREFIX;

    /**
     * A purger that has not started yet.
     *
     * @param view the config: purge targets of the region, the region's Redis, the epoch
     * @param clock for latencies, coalescing windows, breakers and intervals
     */
    static CachePurger create(PurgerConfig config, ConfigView view, Clock clock) {
        return new KafkaCachePurger(config, view, clock);
    }

    /**
     * Builds the region's targets, makes sure its topics exist and starts the loop.
     *
     * @throws IllegalStateException if not {@link State#NEW}
     * @throws PurgerException if a target cannot be built (a redis target with no Redis to use) or Kafka cannot be
     *     reached; the purger is then {@link State#FAILED}
     */
    void start();

    /** The lifecycle {@link State} now (the one vocabulary of {@code dev.ripple.runtime.lifecycle}). */
    State state();

    String region();

    /** The purge position as of the last advance (empty before any). */
    RegionPosition position();

    /** Each target's breaker state, by target name. */
    Map<String, BreakerState> breakers();

    /** Why the purger failed, if it did. */
    Optional<Throwable> failure();

    /** Adds a listener; close the handle to remove it. */
    AutoCloseable addListener(PurgeListener listener);

    /** Meters of this purger (names in {@link PurgerMetricNames}); bind registries before {@link #start()}. */
    MeterBinder metrics();

    /**
     * Stops reading, waits up to {@link PurgerLimits#closeTimeout()} for purges in flight, commits their offsets,
     * publishes the last position and closes clients and targets. Idempotent.
     */
    @Override
    void close();
}
