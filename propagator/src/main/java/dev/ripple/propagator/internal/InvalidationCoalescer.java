package dev.ripple.propagator.internal;

import static dev.ripple.propagator.PropagatorMetricNames.DEPS_COALESCED;
import static dev.ripple.propagator.PropagatorMetricNames.DEPS_CUT;
import static dev.ripple.propagator.PropagatorMetricNames.DEPS_DERIVED;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_REASON;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_STREAM;

import dev.ripple.config.StreamDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.Op;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.PropagatorMetrics;
import dev.ripple.propagator.RuleSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependent's side of a fan-out (DESIGN.md 14), in the dependent's partition: the requests to invalidate it that
 * arrive within its stream's {@code coalesce_ms} become one derived {@code invalidate} event on
 * {@code ripple.derived}, written when the window closes; a request that closes a cycle back to its root, or for a
 * dependent that no longer uses the dependency, is dropped and counted. Part of a {@link DependencyTracker}; not
 * thread-safe: one task's thread.
 */
final class InvalidationCoalescer {
    private static final Logger log = LoggerFactory.getLogger(InvalidationCoalescer.class);
    /** At most this many due invalidations are written per punctuation; the rest wait for the next. */
    private static final int MAX_DUE_PER_STEP = 10_000;

    private final ProcessorContext<String, Routed> context;
    private final TopicNames topics;
    private final PropagatorMetrics metrics;
    private final KeyValueStore<String, Declaration> declared;
    private final KeyValueStore<String, PendingInvalidation> pending;
    private final KeyValueStore<Bytes, byte[]> due;
    private final Serializer<EditEvent> events = EventSerdes.editEvent().serializer();
    private final LongAdder coalesced;
    private final Map<String, LongAdder> derivedByStream = new HashMap<>();
    /** Invalidations waiting, counted exactly (at start from the store), so an idle task opens no range. */
    private long waiting;
    /**
     * No waiting invalidation is due before this (epoch ms). A drain seeks here rather than to the first key: the
     * due store is a queue, and in RocksDB a seek to its start steps over the tombstone of every entry already
     * written until compaction drops them (after a restart restored 200,000 of them, the stream thread spent its
     * time in that seek and the fan-out slowed tenfold).
     */
    private long floor = Long.MAX_VALUE;

    /** @param declared the task's declarations, which say whether a dependent still uses what asks it */
    InvalidationCoalescer(ProcessorContext<String, Routed> context, TopicNames topics, PropagatorMetrics metrics,
            KeyValueStore<String, Declaration> declared) {
        this.context = context;
        this.topics = topics;
        this.metrics = metrics;
        this.declared = declared;
        this.pending = context.getStateStore(TopologyNames.DEPS_PENDING_STORE);
        this.due = context.getStateStore(TopologyNames.DEPS_DUE_STORE);
        this.coalesced = metrics.counter(DEPS_COALESCED);
        try (KeyValueIterator<Bytes, byte[]> all = due.all()) {
            while (all.hasNext()) {
                Bytes key = all.next().key;
                floor = Math.min(floor, DependencyKeys.dueTimeOf(key));
                waiting++;
            }
        }
    }

    /** Invalidations waiting in their windows. */
    long waiting() {
        return Math.max(0, waiting);
    }

    /** A request to invalidate a dependent of this partition. */
    void request(DepsMessage.Request request, RuleSet rules) {
        if (request.dependent().equals(request.root().key())) {
            metrics.count(DEPS_CUT, TAG_REASON, "cycle");
            log.debug("Cut a chain back to its root {}", request.dependent());
            return;
        }
        StreamDoc.Dependencies tracking = rules.dependencies(request.stream());
        if (tracking == null) {
            return; // the stream stopped carrying dependencies since the entry was indexed
        }
        if (stillUses(request.dependent(), request.dependency()) == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        PendingInvalidation held = pending.get(request.dependent());
        if (held != null) {
            pending.put(request.dependent(), held.mergedWith(request));
            coalesced.increment();
            return;
        }
        PendingInvalidation first = new PendingInvalidation(request.stream(), request.dependency(), request.root(),
                request.triggeredBy(), request.depth(), now + tracking.coalesceMs(), 0);
        if (tracking.coalesceMs() == 0) {
            writeDerived(request.dependent(), first, now);
            return;
        }
        pending.put(request.dependent(), first);
        due.put(DependencyKeys.due(first.due(), request.dependent()), new byte[0]);
        floor = Math.min(floor, first.due());
        waiting++;
    }

    /** Writes the invalidations whose window has closed by {@code now}. */
    void writeDue(long now) {
        if (waiting <= 0 || floor > now) {
            return;
        }
        List<Bytes> written = new ArrayList<>();
        boolean cut = false;
        try (KeyValueIterator<Bytes, byte[]> entries = due.range(DependencyKeys.dueFrom(floor),
                DependencyKeys.dueBy(now))) {
            while (entries.hasNext()) {
                if (written.size() == MAX_DUE_PER_STEP) {
                    cut = true;
                    break;
                }
                Bytes key = entries.next().key;
                String dependent = DependencyKeys.dependentOfDue(key);
                PendingInvalidation invalidation = pending.get(dependent);
                if (invalidation != null) {
                    writeDerived(dependent, invalidation, now);
                    pending.delete(dependent);
                    waiting--;
                }
                written.add(key);
            }
        }
        written.forEach(due::delete);
        // what is left is due after now, or (when this step was cut short) at or after the last written
        floor = cut ? DependencyKeys.dueTimeOf(written.get(written.size() - 1)) : Math.max(floor, now + 1);
    }

    /**
     * Writes the derived event that invalidates {@code dependent} to the derived lane, partitioned by key as the
     * streams are, with the {@code meta.uri}, {@code meta.domain} and tags of the dependent's declaring edit (kept in
     * this partition), so the rules route and purge it as they did that edit. Its id is a function of the root, the
     * dependent and the window, so a copy is recognisable.
     */
    private void writeDerived(String dependent, PendingInvalidation invalidation, long now) {
        Declaration resource = stillUses(dependent, invalidation.dependency());
        if (resource == null) {
            return;
        }
        String id = UUID.nameUUIDFromBytes((invalidation.root().id() + '\n' + dependent + '\n' + invalidation.due())
                .getBytes(StandardCharsets.UTF_8)).toString();
        EditEvent derived = new EditEvent(EditEvent.SCHEMA, new EventMeta(id, Instant.ofEpochMilli(now),
                invalidation.stream(), resource.uri(), resource.domain(), null, null), dependent, Op.INVALIDATE,
                null, null, null, null, resource.tags(), null, invalidation.root(), invalidation.triggeredBy(), null,
                null, invalidation.depth());
        String lane = topics.derived();
        context.forward(new Record<>(dependent, new Routed(lane, -1, events.serialize(lane, derived)), now),
                TopologyNames.SIDE_SINK);
        derivedByStream.computeIfAbsent(invalidation.stream(), stream -> metrics.counter(DEPS_DERIVED, TAG_STREAM,
                stream)).increment();
    }

    /**
     * The declaration of {@code dependent} if it still uses {@code dependency}; null, counted, if it stopped using it
     * or was deleted since the walk passed it (nothing to invalidate then).
     */
    private Declaration stillUses(String dependent, String dependency) {
        Declaration resource = declared.get(dependent);
        if (resource == null || resource.uses().stream().noneMatch(use -> use.key().equals(dependency))) {
            metrics.count(DEPS_CUT, TAG_REASON, "no-longer-used");
            return null;
        }
        return resource;
    }
}
