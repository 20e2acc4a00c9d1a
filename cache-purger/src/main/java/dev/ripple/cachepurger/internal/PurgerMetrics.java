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

    /** HELP text of each meter, by name: the helpers below register meters by name alone. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(RECORDS, "Records read from the region's purge topic, by kind"),
            Map.entry(PURGES, "Purges finished, acknowledged by every target or dead-lettered"),
            Map.entry(COALESCED, "Purge records merged into an identical waiting purge of the same key"),
            Map.entry(PURGE_LATENCY, "From reading a purge to its last target's acknowledgement"),
            Map.entry(END_TO_END_LATENCY, "From the source event's meta.dt to its purge's acknowledgement"),
            Map.entry(TARGET_CALLS, "Calls to purge targets, by outcome"),
            Map.entry(TARGET_WAITS, "Calls to purge targets held back, by reason"),
            Map.entry(BREAKER_STATE, "1 for a target's circuit breaker's current state, 0 for the others"),
            Map.entry(BREAKER_TRANSITIONS, "Circuit breaker state changes of a purge target"),
            Map.entry(HTTP_REQUESTS, "HTTP purge requests answered, by tier and status"),
            Map.entry(KEYS_REMOVED, "Cache keys (and tagged keys) a Redis target removed"),
            Map.entry(IN_FLIGHT, "Purges being sent to targets now"),
            Map.entry(QUEUED, "Purges waiting for their key's previous purge or their coalescing window"),
            Map.entry(PENDING_RECORDS, "Records read and not yet committed"),
            Map.entry(PAUSED_PARTITIONS, "Partitions paused, by breakers or by max_pending_records"),
            Map.entry(POSITIONS_PUBLISHED, "Purge positions published to ripple.positions"),
            Map.entry(LIMIT, "A configured limit of the purger, by the limit's config key (without a unit suffix)"),
            Map.entry(LIMIT_HITS, "Times a limit held work back"));

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
        // the config key is coalesce_window_ms; the meter carries the unit, in seconds as Prometheus wants
        double coalesceSeconds = limits.coalesceWindow().toNanos() / 1e9;
        Gauge.builder(LIMIT, () -> coalesceSeconds).baseUnit("seconds")
                .description(DESCRIPTIONS.get(LIMIT)).tags(region).tag(TAG_LIMIT, "coalesce_window").register(registry);
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
        return counters.computeIfAbsent(id, k -> Counter.builder(name).tags(region).tags(tags)
                .description(DESCRIPTIONS.get(name)).register(registry));
    }

    private Timer timer(String name) {
        return timers.computeIfAbsent(name, k -> Timer.builder(name).tags(region).publishPercentileHistogram()
                .description(DESCRIPTIONS.get(name)).register(registry));
    }

    private void gauge(String name, Tags tags, Supplier<Number> value) {
        Gauge.builder(name, value).tags(region.and(tags)).description(DESCRIPTIONS.get(name)).register(registry);
    }
}
