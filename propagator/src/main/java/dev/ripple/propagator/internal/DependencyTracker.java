package dev.ripple.propagator.internal;

import static dev.ripple.propagator.PropagatorMetricNames.DEPS_CUT;
import static dev.ripple.propagator.PropagatorMetricNames.DEPS_DEPENDENTS;
import static dev.ripple.propagator.PropagatorMetricNames.DEPS_EDGES;
import static dev.ripple.propagator.PropagatorMetricNames.DEPS_FANOUTS;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_CHANGE;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_REASON;

import dev.ripple.config.StreamDoc;
import dev.ripple.events.Dependency;
import dev.ripple.events.EditEvent;
import dev.ripple.events.JsonSerde;
import dev.ripple.events.Op;
import dev.ripple.events.RootEvent;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.PropagatorMetrics;
import dev.ripple.propagator.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-grained dependency tracking in one task (DESIGN.md 14), beside the {@link RouteProcessor} that calls it:
 * <ol>
 *   <li><b>Declarations</b>: an edit of a tracked stream that says what its resource uses (or whose tags say it)
 *       replaces the resource's declaration; only what changed goes to {@code ripple.deps}, keyed by the resource
 *       used, so the index entry lands in that resource's partition, in the order the declarations were made.</li>
 *   <li><b>Index</b>: one entry per (dependency, dependent) in a changelogged store, so a dependency with millions
 *       of dependents is never one record; a count per dependency says at once whether an edit has any.</li>
 *   <li><b>Fan-out</b>: an edit of a key with dependents starts a walk of its entries, at the stream's rate (cut
 *       by back pressure, {@link FanoutPacer}, while the propagator's own lanes lag), in batches, from where the last
 *       commit left it; each dependent that reads a changed part gets a request in its
 *       own partition. Fan-outs in progress share the rate equally (fair share per root edit).</li>
 *   <li><b>Coalescing</b> ({@link InvalidationCoalescer}): requests for one dependent within its stream's window
 *       become one derived
 *       {@code invalidate} event on {@code ripple.derived}, which the route processor reads as it reads
 *       the stream: through the rules, to every region, the purges and the conits.</li>
 * </ol>
 * Every store write and every record sent happen in the task's transaction, so a crash repeats and loses
 * nothing. Not thread-safe: one task's thread.
 */
final class DependencyTracker {
    private static final Logger log = LoggerFactory.getLogger(DependencyTracker.class);
    /** The longest pause a walk makes up for: after a stall, a fan-out does not burst beyond a second's rate. */
    private static final long MAX_CATCH_UP_MS = 1_000;
    /** How often {@link #punctuate} is meant to run: fan-outs walk their share and due invalidations go out. */
    static final Duration STEP = Duration.ofMillis(100);

    private final ProcessorContext<String, Routed> context;
    private final TopicNames topics;
    private final PropagatorMetrics metrics;
    private final String task;
    private final KeyValueStore<String, Declaration> declared;
    private final KeyValueStore<Bytes, IndexEntry> index;
    private final KeyValueStore<String, Long> counts;
    private final KeyValueStore<String, Fanout> fanouts;
    private final InvalidationCoalescer coalescer;
    private final FanoutPacer pacer;
    private final JsonSerde<DepsMessage> messages = JsonSerde.of(DepsMessage.class);
    /** The dependencies with a fan-out in progress, in the order they are served. */
    private final Set<String> active = new LinkedHashSet<>();
    /** Per active fan-out: the fraction of a dependent its rate has earned but not yet spent. */
    private final Map<String, Double> credit = new HashMap<>();
    /** Counters of the per-entry paths, held rather than looked up (a fan-out counts a million times). */
    private final LongAdder edgesAdded;
    private final LongAdder edgesRemoved;
    private final LongAdder dependentsAsked;
    private long lastWalk = -1;

    /**
     * Times are the task's wall clock ({@code currentSystemTimeMs}), which a topology test drives.
     *
     * @param pacer the back pressure shared by this propagator's tasks
     */
    DependencyTracker(ProcessorContext<String, Routed> context, TopicNames topics, PropagatorMetrics metrics,
            FanoutPacer pacer) {
        this.context = context;
        this.pacer = pacer;
        this.topics = topics;
        this.metrics = metrics;
        this.task = context.taskId().toString();
        this.edgesAdded = metrics.counter(DEPS_EDGES, TAG_CHANGE, "added");
        this.edgesRemoved = metrics.counter(DEPS_EDGES, TAG_CHANGE, "removed");
        this.dependentsAsked = metrics.counter(DEPS_DEPENDENTS);
        this.declared = context.getStateStore(TopologyNames.DEPS_DECLARED_STORE);
        this.index = context.getStateStore(TopologyNames.DEPS_INDEX_STORE);
        this.counts = context.getStateStore(TopologyNames.DEPS_COUNTS_STORE);
        this.fanouts = context.getStateStore(TopologyNames.DEPS_FANOUTS_STORE);
        this.coalescer = new InvalidationCoalescer(context, topics, metrics, declared);
        try (KeyValueIterator<String, Fanout> all = fanouts.all()) {
            all.forEachRemaining(entry -> active.add(entry.key));
        }
    }

    /**
     * After an event of {@code stream} passed the gate and was routed: updates its resource's declaration and, if
     * others use the resource, starts (or widens) their fan-out.
     */
    void afterEdit(EditEvent event, String stream, RuleSet rules) {
        StreamDoc.Dependencies tracking = rules.dependencies(stream);
        if (tracking == null) {
            return;
        }
        List<Dependency> uses = declarationOf(event, stream, rules);
        if (uses != null) {
            declare(event, stream, uses);
        }
        Long dependents = counts.get(event.key());
        if (dependents != null && dependents > 0) {
            startFanout(event, stream, tracking, dependents);
        }
    }

    /** A record of {@code ripple.deps} in this task's partition. */
    void receive(Record<String, byte[]> record, RuleSet rules) {
        pacer.observe(record.timestamp(), context.currentSystemTimeMs());
        DepsMessage message;
        try {
            message = messages.deserialize(topics.deps(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipped an unreadable record of {} (key {}): {}", topics.deps(), record.key(), e.getMessage());
            return;
        }
        if (message.edge() != null) {
            index(message.edge());
        } else {
            coalescer.request(message.request(), rules);
        }
    }

    /**
     * Walks the fan-outs in progress for their share of the rate, and writes the invalidations now due.
     *
     * @return whether to come again: a fan-out is in progress or an invalidation waits in its window
     */
    boolean punctuate(RuleSet rules) {
        long now = context.currentSystemTimeMs();
        long elapsed = lastWalk < 0 ? STEP.toMillis() : Math.min(MAX_CATCH_UP_MS, Math.max(0, now - lastWalk));
        lastWalk = now;
        if (!active.isEmpty()) {
            walk(rules, elapsed, now);
        }
        coalescer.writeDue(now);
        reportBacklog(rules, now);
        if (active.isEmpty() && coalescer.waiting() == 0) {
            lastWalk = -1; // the next walk, whenever it starts, makes up for no pause
            return false;
        }
        return true;
    }

    void close() {
        metrics.fanoutBacklog(task, PropagatorMetrics.FanoutBacklog.NONE);
    }

    // ---- declarations

    /**
     * What {@code event} says its resource uses now: its {@code uses}, or what the stream's tag rule finds in its
     * tags; nothing for a delete (a deleted resource uses nothing); null when it says nothing (an invalidation, a
     * derived event, or an upsert of a stream without a tag rule that does not say {@code uses}).
     */
    private static List<Dependency> declarationOf(EditEvent event, String stream, RuleSet rules) {
        if (event.op() == Op.DELETE) {
            return List.of();
        }
        if (event.op() != Op.UPSERT || event.effectiveDepth() > 0) {
            return null;
        }
        return event.uses() != null ? event.uses() : rules.usesFromTags(stream, event.tags());
    }

    private void declare(EditEvent event, String stream, List<Dependency> uses) {
        Declaration before = declared.get(event.key());
        DeclarationChange change = DeclarationChange.of(event.key(), stream, before, uses);
        change.edges().forEach(edge -> send(edge.dependency(), new DepsMessage(edge, null)));
        if (change.uses().isEmpty()) {
            if (before != null) {
                declared.delete(event.key());
            }
            return;
        }
        Declaration next = new Declaration(stream, change.uses(), event.meta().uri(), event.meta().domain(),
                event.tags());
        if (!next.equals(before)) {
            declared.put(event.key(), next);
        }
    }

    // ---- the index, in the dependency's partition

    private void index(DepsMessage.Edge edge) {
        Bytes key = DependencyKeys.edge(edge.dependency(), edge.dependent());
        IndexEntry held = index.get(key);
        if (edge.removed()) {
            if (held != null) {
                index.delete(key);
                addToCount(edge.dependency(), -1);
                edgesRemoved.increment();
            }
            return;
        }
        index.put(key, new IndexEntry(edge.stream(), edge.parts()));
        if (held == null) {
            addToCount(edge.dependency(), 1);
            edgesAdded.increment();
        }
    }

    private void addToCount(String dependency, long delta) {
        Long held = counts.get(dependency);
        long next = (held == null ? 0 : held) + delta;
        if (next <= 0) {
            counts.delete(dependency);
        } else {
            counts.put(dependency, next);
        }
    }

    // ---- fan-out, in the dependency's partition

    private void startFanout(EditEvent event, String stream, StreamDoc.Dependencies tracking, long dependents) {
        int depth = event.effectiveDepth() + 1;
        if (depth > tracking.maxDepth()) {
            metrics.count(DEPS_CUT, TAG_REASON, "depth");
            log.debug("Did not fan out {} at depth {}: over max_depth {}", event.key(), depth, tracking.maxDepth());
            return;
        }
        RootEvent root = event.rootEvent() != null ? event.rootEvent()
                : new RootEvent(event.meta().id(), event.meta().dt(), event.key());
        Fanout started = Fanout.start(event.key(), stream, event.changedParts(), root, event.meta().id(), depth,
                dependents);
        Fanout running = fanouts.get(event.key());
        fanouts.put(event.key(), running == null ? started : running.widenedBy(started, dependents));
        active.add(event.key());
        metrics.count(DEPS_FANOUTS);
    }

    /** A derived event of this task's partition, about to be routed: how long the derived lane took. */
    void routingDerived(long writtenMs) {
        pacer.observe(writtenMs, context.currentSystemTimeMs());
    }

    private void walk(RuleSet rules, long elapsedMs, long now) {
        int sharing = active.size();
        List<String> done = new ArrayList<>();
        for (String dependency : List.copyOf(active)) {
            Fanout fanout = fanouts.get(dependency);
            if (fanout == null) {
                done.add(dependency);
                continue;
            }
            StreamDoc.Dependencies tracking = trackingOf(rules, fanout.stream());
            double earned = credit.getOrDefault(dependency, 0.0)
                    + pacedRate(fanout.stream(), tracking, now) * (elapsedMs / 1000.0) / sharing;
            long quota = (long) earned;
            credit.put(dependency, Math.min(earned - quota, tracking.fanoutRatePerS()));
            if (quota > 0 && walk(fanout, quota, tracking.fanoutBatch())) {
                done.add(dependency);
            }
        }
        for (String dependency : done) {
            active.remove(dependency);
            credit.remove(dependency);
        }
        // served in turn: the first one to get a rounded-down share this time goes last next time
        if (!active.isEmpty()) {
            String first = active.iterator().next();
            active.remove(first);
            active.add(first);
        }
    }

    /** Walks up to {@code quota} entries of a fan-out, {@code batch} per read; whether it is finished. */
    private boolean walk(Fanout fanout, long quota, int batch) {
        Fanout at = fanout;
        long left = quota;
        while (left > 0) {
            int step = (int) Math.min(left, batch);
            int read = 0;
            String last = null;
            // a wrapped pass ends at (and includes) the entry it stood at when widened
            Bytes to = at.wrapped() ? DependencyKeys.edge(at.dependency(), at.wrapAt())
                    : DependencyKeys.walkTo(at.dependency());
            try (KeyValueIterator<Bytes, IndexEntry> entries = index.range(
                    DependencyKeys.walkFrom(at.dependency(), at.after()), to)) {
                while (read < step && entries.hasNext()) {
                    KeyValue<Bytes, IndexEntry> entry = entries.next();
                    last = DependencyKeys.dependentOf(entry.key);
                    read++;
                    if (new Dependency(at.dependency(), entry.value.parts()).isTouchedBy(at.changedParts())) {
                        send(last, new DepsMessage(null, new DepsMessage.Request(last, entry.value.stream(),
                                at.dependency(), at.root(), at.triggeredBy(), at.depth())));
                        dependentsAsked.increment();
                    }
                }
            }
            left -= read;
            if (read == step) {
                at = at.advancedTo(last, read);
            } else if (at.wrapAt() != null && !at.wrapped()) {
                at = at.advancedTo(last == null ? at.after() : last, read).wrappedAround();
            } else {
                fanouts.delete(fanout.dependency());
                log.debug("Fan-out of {} walked {} entries", at.dependency(), at.walked() + read);
                return true;
            }
        }
        fanouts.put(fanout.dependency(), at);
        return false;
    }

    /**
     * Writes to {@code ripple.deps}, stamped with this task's wall clock (not the edit's time, which is the intake's
     * clock): the stamp is what the {@link FanoutPacer} measures the lane's lag from.
     */
    private void send(String key, DepsMessage message) {
        context.forward(new Record<>(key, new Routed(topics.deps(), -1, messages.serialize(topics.deps(), message)),
                context.currentSystemTimeMs()), TopologyNames.SIDE_SINK);
    }

    /** The rate {@code stream}'s walks are paced to now: its {@code fanout_rate_per_s}, cut by back pressure. */
    private double pacedRate(String stream, StreamDoc.Dependencies tracking, long now) {
        return tracking.fanoutRatePerS() * pacer.share(stream, tracking.fanoutMaxLagMs(), now);
    }

    private void reportBacklog(RuleSet rules, long now) {
        long dependents = 0;
        double drain = 0;
        Map<String, Double> rates = new HashMap<>();
        for (String dependency : active) {
            Fanout fanout = fanouts.get(dependency);
            if (fanout != null) {
                double rate = rates.computeIfAbsent(fanout.stream(), stream -> pacedRate(stream,
                        trackingOf(rules, stream), now));
                dependents += fanout.remaining();
                drain += fanout.remaining() / rate;
            }
        }
        double paced = rates.values().stream().mapToDouble(Double::doubleValue).sum();
        metrics.fanoutBacklog(task, new PropagatorMetrics.FanoutBacklog(dependents, active.size(), drain,
                coalescer.waiting(), paced, pacer.recentLagMs(now)));
    }

    private static StreamDoc.Dependencies trackingOf(RuleSet rules, String stream) {
        return Objects.requireNonNullElseGet(rules.dependencies(stream), StreamDoc.Dependencies::defaults);
    }
}
