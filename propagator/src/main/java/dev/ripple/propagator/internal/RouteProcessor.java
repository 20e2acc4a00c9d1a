package dev.ripple.propagator.internal;

import static dev.ripple.propagator.PropagatorMetricNames.CONFLICTS;
import static dev.ripple.propagator.PropagatorMetricNames.CONIT_LOG;
import static dev.ripple.propagator.PropagatorMetricNames.DEAD_LETTERS;
import static dev.ripple.propagator.PropagatorMetricNames.EVENTS_REPLAYED;
import static dev.ripple.propagator.PropagatorMetricNames.EVENTS_ROUTED;
import static dev.ripple.propagator.PropagatorMetricNames.EVENTS_STALE;
import static dev.ripple.propagator.PropagatorMetricNames.LATEST_RECORDS;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_CONIT;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_POLICY;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_REASON;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_STREAM;

import dev.ripple.config.StreamDoc.ConflictPolicy;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.EditEvent;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.Op;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RecordHeaders;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Trace;
import dev.ripple.events.codec.FastJson;
import dev.ripple.propagator.ActiveRuleSet;
import dev.ripple.propagator.PropagatorMetrics;
import dev.ripple.propagator.PurgePlan;
import dev.ripple.propagator.Routing;
import dev.ripple.propagator.RuleSet;
import dev.ripple.propagator.TemplateException;
import dev.ripple.propagator.TopologyOptions;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The propagator's one processor, per source partition: reads an edit event, checks write-after-read and the
 * version gate, evaluates the rule set in force once, and writes replication records, purge requests (directly
 * or through the coalescing window), conit-log entries and the key's latest state, or a dead letter; then lets the
 * {@link DependencyTracker} index what the event's resource uses and fan out to what uses it. Derived events (from
 * {@code ripple.derived}, each of the stream its {@code meta.stream} names) are routed the same way, without the
 * gate. All outputs of an event are built
 * (and sized) before any is written, so an event fails whole. A wall-clock punctuator sends due purges and the
 * watermarks owed (see {@link RegionOutputs}).
 */
final class RouteProcessor implements Processor<String, byte[], String, Routed> {
    private static final Logger log = LoggerFactory.getLogger(RouteProcessor.class);
    /** The stream tag of what the derived lane holds when the event cannot be read (so its stream is unknown). */
    private static final String DERIVED = "derived";

    private final ActiveRuleSet rules;
    private final TopologyOptions options;
    private final FanoutPacer pacer;
    private final TopicNames topics;
    private final String conitLogTopic;
    private final String depsTopic;
    private final String derivedTopic;
    private final PropagatorMetrics metrics;
    private final Serializer<PurgeRecord> purgeSerializer = FastJson.purgeRecord();
    private final Serializer<ConitLogEntry> conitSerializer = FastJson.conitLogEntry();
    /** Source topic → its stream's name, so the hot path does not match the topic per record. */
    private final Map<String, String> streamByTopic = new HashMap<>();
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, KeyVersion> versions;
    /** This task's position in each source topic (a few entries), read per event; kept in the versions store. */
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final Map<String, LongAdder> routedByStream = new HashMap<>();
    private final Map<String, LongAdder> latestByStream = new HashMap<>();
    private final Map<String, LongAdder> replayedByStream = new HashMap<>();
    private final Map<String, LongAdder> conitLogByConit = new HashMap<>();
    /** Stream → its latest-state topic, so the hot path does not re-validate stream names per record. */
    private final Map<String, String> latestTopics = new HashMap<>();
    /** Streams read without a config (so without a latest-state topic), warned about once each. */
    private final Set<String> unconfigured = new HashSet<>();
    private RegionOutputs outputs;
    private DeadLetterEncoder deadLetters;
    private DependencyTracker dependencies;
    /** Each runs while it has work, so that an idle task commits nothing ({@link OnDemandPunctuator}). */
    private OnDemandPunctuator watermarks;
    private OnDemandPunctuator walks;

    RouteProcessor(ActiveRuleSet rules, TopologyOptions options, FanoutPacer pacer) {
        this.rules = rules;
        this.pacer = pacer;
        this.options = options;
        this.topics = options.topics();
        this.metrics = options.metrics();
        this.conitLogTopic = topics.conitLog();
        this.depsTopic = topics.deps();
        this.derivedTopic = topics.derived();
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.versions = context.getStateStore(TopologyNames.VERSIONS_STORE);
        int copied = StoredPositions.moveFrom(context.getStateStore(TopologyNames.PROGRESS_STORE), versions);
        if (copied > 0) {
            log.info("Task {}: copied {} source position(s) from the {} store into {}", context.taskId(), copied,
                    TopologyNames.PROGRESS_STORE, TopologyNames.VERSIONS_STORE);
        }
        positions.clear();
        positions.putAll(StoredPositions.readAll(versions, context.taskId().partition()));
        PurgeCoalescer coalescer = new PurgeCoalescer(context.getStateStore(TopologyNames.PURGE_BUFFER_STORE),
                options.maxBufferedPurges());
        this.outputs = new RegionOutputs(context, topics, metrics, coalescer, positions);
        this.deadLetters = new DeadLetterEncoder(DeadLetterHandler.CONSUMER, options.clock(), options.maxRecordBytes());
        this.watermarks = new OnDemandPunctuator(context, options.watermarkInterval(),
                now -> outputs.punctuate(rules.current(), now));
        this.dependencies = new DependencyTracker(context, topics, metrics, pacer);
        this.walks = new OnDemandPunctuator(context, DependencyTracker.STEP,
                now -> dependencies.punctuate(rules.current()));
        watermarks.wake(); // positions restored from the store may be owed watermarks, fan-outs may be in progress
        walks.wake();
    }

    @Override
    public void close() {
        if (dependencies != null) {
            dependencies.close();
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "A source record without metadata: the propagator reads only source topics"));
        RuleSet ruleSet = rules.current();
        if (!watermarks.isScheduled()) {
            // idle until now: first the watermarks owed meanwhile (a region added starts at the current position)
            outputs.punctuate(ruleSet, context.currentSystemTimeMs());
            watermarks.wake();
        }
        walks.wake();
        String topic = meta.topic();
        if (topic.equals(depsTopic)) {
            dependencies.receive(record, ruleSet); // not a source: no position, no watermark
            return;
        }
        boolean derived = topic.equals(derivedTopic);
        if (derived) {
            dependencies.routingDerived(record.timestamp());
        }
        // a derived event says its stream; the lane's name stands for it until the event is read
        String stream = derived ? DERIVED : streamByTopic.computeIfAbsent(topic, t -> topics.streamOf(t).orElse(t));
        SourcePosition before = positions.get(topic);
        SourcePosition source;
        try {
            SourceRecords.Parsed parsed = SourceRecords.parse(record.key(), record.value(), record.headers(),
                    ruleSet.epoch());
            // Ripple's time of the write (the intake's clock or the broker's append time), not the client's meta.dt:
            // it is what Ripple-Staleness-Ms and the latency histograms measure from.
            source = new SourcePosition(topic, meta.partition(), meta.offset(), Instant.ofEpochMilli(
                    Math.max(0, record.timestamp())));
            propagate(record, parsed, source, before, derived ? parsed.event().meta().stream() : stream, derived,
                    ruleSet);
        } catch (SourceRecords.Unreadable e) {
            source = new SourcePosition(topic, meta.partition(), meta.offset(), Instant.ofEpochMilli(
                    Math.max(0, record.timestamp())));
            deadLetter(record, source, stream, "unreadable", e.getMessage());
        }
        positions.put(topic, source);
        StoredPositions.put(versions, source);
    }

    private void propagate(Record<String, byte[]> record, SourceRecords.Parsed parsed, SourcePosition source,
            SourcePosition before, String stream, boolean derived, RuleSet ruleSet) {
        EditEvent event = parsed.event();
        String gateKey = source.topic() + '\n' + event.key();
        // a derived event is an invalidation, without a revision, in its lane's order: nothing to gate
        KeyVersion known = derived ? null : versions.get(gateKey);
        VersionGate.Decision decision = VersionGate.decide(known, event.revision(), event.baseRevision(),
                source.offset());
        if (decision == VersionGate.Decision.CONFLICT) {
            ConflictPolicy policy = ruleSet.conflictPolicy(stream);
            metrics.count(CONFLICTS, TAG_STREAM, stream, TAG_POLICY, policy.json());
            if (policy == ConflictPolicy.REJECT) {
                String reason = "write-after-read conflict in stream '" + stream + "': base_revision "
                        + event.baseRevision() + ", but key '" + event.key() + "' is at revision " + known.revision()
                        + " (policy reject: not applied)";
                log.debug("Rejected {} at {}: {}", event.key(), source.dot(), reason);
                forwardDeadLetter(topics.dlq(TopicNames.CONFLICTS), record, source, reason);
                return;
            }
            decision = VersionGate.isNewer(known, event.revision(), source.offset()) ? VersionGate.Decision.PASS
                    : VersionGate.Decision.STALE;
        }
        if (decision == VersionGate.Decision.STALE) {
            metrics.count(EVENTS_STALE, TAG_STREAM, stream);
            log.debug("Version gate dropped {} at {}: revision {} is not newer than {}", event.key(), source.dot(),
                    event.revision(), known.revision());
            return;
        }
        if (decision == VersionGate.Decision.REPLAY) {
            // the event whose version the store holds, routed again after a crash (at-least-once): re-emitted
            replayedByStream.computeIfAbsent(stream, s -> metrics.counter(EVENTS_REPLAYED, TAG_STREAM, s))
                    .increment();
            log.debug("Version gate re-emits {} at {}: a replay of the event it last accepted", event.key(),
                    source.dot());
        }
        Routing routing;
        try {
            routing = ruleSet.route(event, stream);
        } catch (TemplateException e) {
            deadLetter(record, source, stream, "template", e.getMessage());
            return;
        }
        Trace trace = new Trace(Instant.ofEpochMilli(Math.max(0, record.timestamp())), options.clock().instant());
        List<RegionOutputs.Replication> replications = outputs.replications(event, source, parsed.deps(), routing, trace);
        List<PurgeRequest> purges = new ArrayList<>(routing.purges().size());
        List<byte[]> purgeBytes = new ArrayList<>(routing.purges().size());
        List<Routed> conitEntries = new ArrayList<>(routing.conits().size());
        long largest = replications.stream().mapToLong(r -> r.routed().value().length).max().orElse(0);
        largest = Math.max(largest, record.value().length); // the latest-state copy: the source value itself
        for (PurgePlan plan : routing.purges()) {
            PurgeRequest request = new PurgeRequest(event.key(), plan.keys(), plan.urls(), plan.tags(),
                    event.revision(), source, plan.rule(), trace);
            byte[] bytes = purgeSerializer.serialize(source.topic(), request);
            largest = Math.max(largest, bytes.length);
            purges.add(request);
            purgeBytes.add(bytes);
        }
        for (String conit : routing.conits()) {
            conitEntries.add(new Routed(conitLogTopic, -1, conitSerializer.serialize(conitLogTopic,
                    new ConitLogEntry(conit, source, event.effectiveWeight()))));
        }
        if (largest > options.maxRecordBytes()) {
            deadLetter(record, source, stream, "too-large", "an output record of " + largest + " bytes exceeds "
                    + "maxRecordBytes " + options.maxRecordBytes());
            return;
        }
        if (!derived) {
            versions.put(gateKey, known == null ? new KeyVersion(event.revision(), source.offset())
                    : known.after(event.revision(), source.offset()));
        }
        writeLatest(record, event, source, stream, ruleSet);
        for (RegionOutputs.Replication replication : replications) {
            outputs.replicate(event.key(), replication, source, record.timestamp());
        }
        for (int i = 0; i < purges.size(); i++) {
            outputs.purge(purges.get(i), purgeBytes.get(i), routing.purges().get(i).coalesceMs(), ruleSet, before,
                    record.timestamp());
        }
        for (int i = 0; i < conitEntries.size(); i++) {
            forwardSide(routing.conits().get(i), conitEntries.get(i), record.timestamp());
            conitLogByConit.computeIfAbsent(routing.conits().get(i), c -> metrics.counter(CONIT_LOG, TAG_CONIT, c))
                    .increment();
        }
        routedByStream.computeIfAbsent(stream, s -> metrics.counter(EVENTS_ROUTED, TAG_STREAM, s)).increment();
        dependencies.afterEdit(event, stream, ruleSet);
    }

    /**
     * Copies an event that passed the version gate to its stream's latest-state topic, in this transaction: same
     * partition, key and timestamp, the value's bytes and headers (session dependencies travel there) as they are,
     * plus the source offset, since the compacted topic's offsets are its own. Compaction then keeps one record per
     * key: the newest that passed the gate. Deletes are written (a rebuilt region must learn the key is gone);
     * invalidations are not: they carry no body, and compaction would keep the invalidation alone and lose the body
     * of the upsert before it.
     */
    private void writeLatest(Record<String, byte[]> record, EditEvent event, SourcePosition source, String stream,
            RuleSet ruleSet) {
        if (event.op() == Op.INVALIDATE) {
            return;
        }
        if (!ruleSet.hasStream(stream)) {
            // a topic that matches ripple.stream.* but no configured stream has no latest-state topic to write to
            if (unconfigured.add(stream)) {
                log.warn("Stream '{}' ({}) is not in config version {}: its latest state is not kept until it is",
                        stream, source.topic(), ruleSet.version());
            }
            return;
        }
        Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray());
        RecordHeaders.putSourceOffset(headers, source.offset());
        String topic = latestTopics.computeIfAbsent(stream, topics::latest);
        context.forward(new Record<>(event.key(), new Routed(topic, source.partition(), record.value()),
                record.timestamp(), headers), TopologyNames.REGION_SINK);
        latestByStream.computeIfAbsent(stream, s -> metrics.counter(LATEST_RECORDS, TAG_STREAM, s)).increment();
    }

    private void deadLetter(Record<String, byte[]> record, SourcePosition source, String stream, String reasonTag,
            String reason) {
        metrics.count(DEAD_LETTERS, TAG_STREAM, stream, TAG_REASON, reasonTag);
        log.debug("Dead-lettered {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), reason);
        forwardDeadLetter(topics.dlq(DeadLetterHandler.CONSUMER), record, source, reason);
    }

    /**
     * Sends the dead letter of {@code record} to {@code dlq} in the runtime's one format (the value and headers as
     * they were, the reason in headers), partitioned by key, in this transaction.
     */
    private void forwardDeadLetter(String dlq, Record<String, byte[]> record, SourcePosition source, String reason) {
        DeadLetterRecord letter = deadLetters.encode(DeadLetter.once(new FailedRecord(source.topic(),
                source.partition(), source.offset(), record.key(), record.value(), List.of(record.headers().toArray())),
                reason, options.clock().instant()));
        context.forward(new Record<>(record.key(), new Routed(dlq, -1, letter.value()), record.timestamp(),
                letter.headers()), TopologyNames.SIDE_SINK);
    }

    private void forwardSide(String key, Routed routed, long timestamp) {
        context.forward(new Record<>(key, routed, timestamp), TopologyNames.SIDE_SINK);
    }
}
