package dev.ripple.propagator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The propagator's meters ({@link PropagatorMetricNames}): the topology counts into it, registries read it.
 * Counters with a new tag value (a new stream, region or rule) appear in every bound registry when first counted.
 * Thread-safe; counting is a map lookup and a {@link LongAdder} increment.
 */
public final class PropagatorMetrics implements MeterBinder {
    private record Id(String name, List<String> tags) {}

    /** HELP text of each counter, by name: counters are created where first counted, by name alone. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(PropagatorMetricNames.EVENTS_ROUTED, "Events routed to regions, or only watermarked when no "
                    + "rule matched"),
            Map.entry(PropagatorMetricNames.EVENTS_STALE, "Events the version gate dropped: not newer than the key's "
                    + "last one"),
            Map.entry(PropagatorMetricNames.EVENTS_REPLAYED, "Events routed again after a crash (at-least-once "
                    + "delivery): the version gate held their own version"),
            Map.entry(PropagatorMetricNames.CONFLICTS, "Write-after-read conflicts, rejected or applied by policy"),
            Map.entry(PropagatorMetricNames.DEAD_LETTERS, "Records sent to ripple.dlq.propagator"),
            Map.entry(PropagatorMetricNames.REGION_RECORDS, "Records written to region topics, by type"),
            Map.entry(PropagatorMetricNames.LATEST_RECORDS, "Events copied to the stream's latest-state topic"),
            Map.entry(PropagatorMetricNames.CONIT_LOG, "Entries appended to ripple.conit-log"),
            Map.entry(PropagatorMetricNames.PURGES_COALESCED, "Purges merged into one already waiting in the "
                    + "rule's coalescing window"),
            Map.entry(PropagatorMetricNames.PURGE_BUFFER_FULL, "Purges sent at once because the coalescing buffer "
                    + "was full"),
            Map.entry(PropagatorMetricNames.DEPS_EDGES, "Dependency edges indexed (added) or dropped (removed)"),
            Map.entry(PropagatorMetricNames.DEPS_FANOUTS, "Edits of a key with dependents that started or widened a "
                    + "fan-out"),
            Map.entry(PropagatorMetricNames.DEPS_DEPENDENTS, "Dependents a fan-out found using a changed part"),
            Map.entry(PropagatorMetricNames.DEPS_COALESCED, "Invalidations of a dependent merged into one waiting in "
                    + "its coalescing window"),
            Map.entry(PropagatorMetricNames.DEPS_DERIVED, "Derived events written to the stream's derived lane"),
            Map.entry(PropagatorMetricNames.DEPS_CUT, "Derivations cut: a chain back to its root, or deeper than "
                    + "max_depth"),
            Map.entry(PropagatorMetricNames.RULE_SETS_APPLIED, "Rule sets put in force after a config change"),
            Map.entry(PropagatorMetricNames.RULE_SETS_REFUSED, "Rule sets refused (invalid, or their topics could "
                    + "not be made); the previous one stays"));

    private final Map<Id, LongAdder> counters = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final AtomicLong ruleSetVersion = new AtomicLong(-1);
    /** Per task: its fan-outs' backlog, so the gauges sum the tasks of this process. */
    private final Map<String, FanoutBacklog> backlogs = new ConcurrentHashMap<>();

    /**
     * What one task's fan-outs have still to do.
     *
     * @param dependents dependents still to walk
     * @param fanouts fan-outs in progress
     * @param drainSeconds seconds to walk them at the rates they are paced to now
     * @param pending invalidations waiting in coalescing windows
     * @param ratePerS dependents per second the fan-outs are paced to now (their rates, cut by back pressure)
     * @param laneLagMs the longest the propagator's own lanes took from written to routed, lately
     */
    public record FanoutBacklog(long dependents, long fanouts, double drainSeconds, long pending, double ratePerS,
            long laneLagMs) {
        public static final FanoutBacklog NONE = new FanoutBacklog(0, 0, 0, 0, 0, 0);
    }

    /** Adds 1 to counter {@code name} with tags given as name, value, name, value… */
    public void count(String name, String... tags) {
        add(name, 1, tags);
    }

    /** Adds {@code amount} to counter {@code name} with tags given as name, value, name, value… */
    public void add(String name, long amount, String... tags) {
        counter(name, tags).add(amount);
    }

    /** The counter {@code name} with these tags, to hold on to in a hot path (it is never replaced). */
    public LongAdder counter(String name, String... tags) {
        Id id = new Id(name, List.of(tags));
        LongAdder adder = counters.get(id);
        return adder != null ? adder : create(id);
    }

    /** The count so far of {@code name} with exactly these tags; 0 if never counted. For tests and the CLI. */
    public long value(String name, String... tags) {
        LongAdder adder = counters.get(new Id(name, List.of(tags)));
        return adder == null ? 0 : adder.sum();
    }

    /** Records what task {@code task}'s fan-outs have still to do; {@link FanoutBacklog#NONE} once it closes. */
    public void fanoutBacklog(String task, FanoutBacklog backlog) {
        if (backlog.equals(FanoutBacklog.NONE)) {
            backlogs.remove(task);
        } else {
            backlogs.put(task, backlog);
        }
    }

    /** The backlog of every task of this process, summed (the drain time is the longest). */
    public FanoutBacklog fanoutBacklog() {
        long dependents = 0;
        long fanouts = 0;
        double drain = 0;
        long pending = 0;
        double rate = 0;
        long lag = 0;
        for (FanoutBacklog b : backlogs.values()) {
            dependents += b.dependents();
            fanouts += b.fanouts();
            drain = Math.max(drain, b.drainSeconds());
            pending += b.pending();
            rate += b.ratePerS();
            lag = Math.max(lag, b.laneLagMs());
        }
        return new FanoutBacklog(dependents, fanouts, drain, pending, rate, lag);
    }

    /** Records the version of the rule set in force. */
    public void ruleSetVersion(long version) {
        ruleSetVersion.set(version);
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        Gauge.builder(PropagatorMetricNames.RULE_SET_VERSION, ruleSetVersion, AtomicLong::doubleValue)
                .description("Version (config revision) of the rule set in force").register(registry);
        Gauge.builder(PropagatorMetricNames.DEPS_BACKLOG, this, m -> m.fanoutBacklog().dependents())
                .description("Dependents the fan-outs in progress have still to walk").register(registry);
        Gauge.builder(PropagatorMetricNames.DEPS_ACTIVE, this, m -> m.fanoutBacklog().fanouts())
                .description("Fan-outs in progress").register(registry);
        Gauge.builder(PropagatorMetricNames.DEPS_DRAIN_SECONDS, this, m -> m.fanoutBacklog().drainSeconds())
                .description("Seconds until the fan-outs in progress are walked, at their rates").register(registry);
        Gauge.builder(PropagatorMetricNames.DEPS_PENDING, this, m -> m.fanoutBacklog().pending())
                .description("Invalidations waiting in coalescing windows").register(registry);
        Gauge.builder(PropagatorMetricNames.DEPS_RATE, this, m -> m.fanoutBacklog().ratePerS())
                .description("Dependents per second the fan-outs in progress are paced to (fanout_rate_per_s, cut "
                        + "by back pressure)").register(registry);
        Gauge.builder(PropagatorMetricNames.DEPS_LANE_LAG, this, m -> m.fanoutBacklog().laneLagMs() / 1000.0)
                .description("Longest time lately from written to routed on ripple.deps and ripple.derived; over "
                        + "fanout_max_lag_ms, fan-outs slow down").register(registry);
        counters.forEach((id, adder) -> register(registry, id, adder));
    }

    /** Synchronized with {@link #bindTo}, so a counter created while a registry binds is in that registry. */
    private synchronized LongAdder create(Id id) {
        if (!DESCRIPTIONS.containsKey(id.name())) {
            throw new IllegalArgumentException("No propagator counter named " + id.name() + ": add it to "
                    + "PropagatorMetricNames, and its description to PropagatorMetrics");
        }
        LongAdder adder = counters.get(id);
        if (adder == null) {
            adder = new LongAdder();
            counters.put(id, adder);
            for (MeterRegistry registry : registries) {
                register(registry, id, adder);
            }
        }
        return adder;
    }

    private static void register(MeterRegistry registry, Id id, LongAdder adder) {
        FunctionCounter.builder(id.name(), adder, LongAdder::doubleValue).tags(id.tags().toArray(String[]::new))
                .description(DESCRIPTIONS.get(id.name())).register(registry);
    }
}
