package dev.ripple.cachepurger.internal;

import static dev.ripple.cachepurger.PurgerMetricNames.*;

import dev.ripple.cachepurger.PurgerLimits;
import dev.ripple.runtime.http.BreakerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The purger's meters, registered once in a composite registry that {@link #bindTo} adds registries to, so hot
 * paths increment a held meter instead of looking one up. Thread-safe.
 */
final class PurgerMetrics implements MeterBinder {
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final Tags region;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> records = new ConcurrentHashMap<>();
    private volatile Counter acknowledged;

    /** Registers nothing yet: bind registries before the purger starts, and they see every meter. */
    PurgerMetrics(String regionName) {
        region = Tags.of(TAG_REGION, regionName);
    }

    @Override
    public void bindTo(MeterRegistry target) {
        registry.add(target);
    }

    void gauges(Supplier<Number> inFlight, Supplier<Number> queued, Supplier<Number> pending,
            Supplier<Number> paused) {
        gauge(IN_FLIGHT, Tags.empty(), inFlight);
        gauge(QUEUED, Tags.empty(), queued);
        gauge(PENDING_RECORDS, Tags.empty(), pending);
        gauge(PAUSED_PARTITIONS, Tags.empty(), paused);
    }

    void limits(PurgerLimits limits) {
        limit("max_in_flight", Tags.empty(), limits.maxInFlight());
        limit("max_pending_records", Tags.empty(), limits.maxPendingRecords());
        limit("max_poll_records", Tags.empty(), limits.maxPollRecords());
        limit("batch_size", Tags.empty(), limits.batchSize());
        limit("coalesce_window_ms", Tags.empty(), limits.coalesceWindow().toMillis());
        limit("connections_per_node", Tags.empty(), limits.connectionsPerNode());
    }

    void limit(String name, Tags tags, Number value) {
        gauge(LIMIT, tags.and(TAG_LIMIT, name), () -> value);
    }

    /** Starts exporting the breaker of {@code target} (once per target name; a reloaded target reuses it). */
    void breaker(String target, BreakerState state) {
        if (breakers.put(target, state) == null) {
            for (BreakerState s : BreakerState.values()) {
                gauge(BREAKER_STATE, Tags.of(TAG_TARGET, target, TAG_STATE, s.name().toLowerCase(Locale.ROOT)),
                        () -> breakers.get(target) == s ? 1 : 0);
            }
        }
    }

    void breakerChanged(String target, BreakerState from, BreakerState to) {
        breakers.put(target, to);
        counter(BREAKER_TRANSITIONS, TAG_TARGET, target, "from", from.name().toLowerCase(Locale.ROOT), "to",
                to.name().toLowerCase(Locale.ROOT)).increment();
    }

    void record(String kind) {
        // once per record on the loop thread: found by kind alone, without building the meter's id
        records.computeIfAbsent(kind, k -> counter(RECORDS, TAG_KIND, k)).increment();
    }

    void purged(Duration latency, Duration endToEndLatency) {
        Counter counter = acknowledged;
        if (counter == null) {
            acknowledged = counter = counter(PURGES, TAG_OUTCOME, "acknowledged");
        }
        counter.increment();
        timer(PURGE_LATENCY).record(latency);
        if (!endToEndLatency.isNegative()) {
            timer(END_TO_END_LATENCY).record(endToEndLatency);
        }
    }

    void deadLettered() {
        counter(PURGES, TAG_OUTCOME, "dead_lettered").increment();
    }

    void coalesced() {
        counter(COALESCED).increment();
    }

    void targetCall(String target, String outcome) {
        counter(TARGET_CALLS, TAG_TARGET, target, TAG_OUTCOME, outcome).increment();
    }

    void targetWait(String target, String reason) {
        counter(TARGET_WAITS, TAG_TARGET, target, TAG_REASON, reason).increment();
    }

    void httpRequest(String target, String tier, int status) {
        counter(HTTP_REQUESTS, TAG_TARGET, target, "tier", tier, "status", Integer.toString(status)).increment();
    }

    /** The counter of keys a Redis target removed, for the target to hold. */
    Counter keysRemoved(String target) {
        return counter(KEYS_REMOVED, TAG_TARGET, target);
    }

    void positionPublished() {
        counter(POSITIONS_PUBLISHED).increment();
    }

    void limitHit(String limit) {
        counter(LIMIT_HITS, TAG_LIMIT, limit).increment();
    }

    private Counter counter(String name, String... tags) {
        String id = tags.length == 0 ? name : name + String.join("\u0000", tags);
        return counters.computeIfAbsent(id, k -> Counter.builder(name).tags(region).tags(tags).register(registry));
    }

    private Timer timer(String name) {
        return timers.computeIfAbsent(name, k -> Timer.builder(name).tags(region).publishPercentileHistogram()
                .register(registry));
    }

    private void gauge(String name, Tags tags, Supplier<Number> value) {
        Gauge.builder(name, value).tags(region.and(tags)).register(registry);
    }
}
