package dev.ripple.propagator.internal;

import static dev.ripple.propagator.PropagatorMetricNames.PURGES_COALESCED;
import static dev.ripple.propagator.PropagatorMetricNames.PURGE_BUFFER_FULL;
import static dev.ripple.propagator.PropagatorMetricNames.REGION_RECORDS;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_REGION;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_RULE;
import static dev.ripple.propagator.PropagatorMetricNames.TAG_TYPE;

import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import dev.ripple.events.codec.FastJson;
import dev.ripple.propagator.PropagatorMetrics;
import dev.ripple.propagator.Routing;
import dev.ripple.propagator.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes to region topics for one task, and keeps the watermark promise: a watermark at source offset O goes to
 * a region topic only after every record for source offsets up to O, and never past a purge still waiting in a
 * coalescing window. Replication records cover their own offset; on purge topics only watermarks do.
 * Watermarks are batched: the punctuator writes, per source topic and region topic, one watermark at the task's
 * last processed position if the topic does not cover it yet (filtered, dropped or dead-lettered records, and
 * partitions that went idle after them).
 */
final class RegionOutputs {
    private final ProcessorContext<String, Routed> context;
    private final TopicNames topics;
    private final PropagatorMetrics metrics;
    private final PurgeCoalescer coalescer;
    private final Map<String, SourcePosition> positions;
    /** Region → record type → its counter. */
    private final Map<String, Map<String, LongAdder>> counters = new HashMap<>();
    /** Region → topic names, so the hot path does not re-validate region names per record. */
    private final Map<String, String> replicateTopics = new HashMap<>();
    private final Map<String, String> purgeTopics = new HashMap<>();
    private final WatermarkTracker covered = new WatermarkTracker();
    private final Serializer<RegionRecord> regionSerializer = FastJson.regionRecord();
    private final Serializer<PurgeRecord> purgeSerializer = FastJson.purgeRecord();

    RegionOutputs(ProcessorContext<String, Routed> context, TopicNames topics, PropagatorMetrics metrics,
            PurgeCoalescer coalescer, Map<String, SourcePosition> positions) {
        this.context = context;
        this.topics = topics;
        this.metrics = metrics;
        this.coalescer = coalescer;
        this.positions = positions;
    }

    /** A serialized replication record and its region. */
    record Replication(String region, Routed routed) {}

    /** The serialized replication records of an event, one per region (regions routed by one rule share bytes). */
    List<Replication> replications(EditEvent event, SourcePosition source, Position deps, Routing routing,
            Trace trace) {
        List<Replication> out = new ArrayList<>(routing.replicate().size());
        Map<RuleRef, byte[]> byRule = new HashMap<>(2);
        routing.replicate().forEach((region, rule) -> {
            byte[] bytes = byRule.computeIfAbsent(rule, r -> regionSerializer.serialize(source.topic(),
                    new ReplicationRecord(event, source, deps, r, trace)));
            out.add(new Replication(region, new Routed(replicateTopic(region), source.partition(), bytes)));
        });
        return out;
    }

    /** Sends a replication record; it covers its source offset on the region topic. */
    void replicate(String key, Replication replication, SourcePosition source, long timestamp) {
        forward(key, replication.routed(), timestamp);
        covered.cover(replication.routed().topic(), source.topic(), source.offset());
        count(replication.region(), "replication");
    }

    /**
     * Sends a purge to every region, or holds it in the rule's coalescing window.
     *
     * @param bytes the request serialized (the caller has done so to size it), shared by every region
     */
    void purge(PurgeRequest request, byte[] bytes, long windowMs, RuleSet ruleSet, SourcePosition before,
            long timestamp) {
        for (String region : ruleSet.regions()) {
            if (windowMs > 0) {
                PurgeCoalescer.Offer offer = coalescer.offer(region, request, windowMs, context.currentSystemTimeMs(),
                        before);
                if (offer == PurgeCoalescer.Offer.MERGED) {
                    metrics.count(PURGES_COALESCED, TAG_RULE, request.rule().name());
                }
                if (offer != PurgeCoalescer.Offer.FULL) {
                    continue;
                }
                metrics.count(PURGE_BUFFER_FULL);
            }
            forward(request.key(), new Routed(purgeTopic(region), request.source().partition(), bytes), timestamp);
            count(region, "purge");
        }
    }

    /**
     * Sends the purges whose window closed, then the watermarks owed.
     *
     * @return whether to come again: purges wait in their windows, or this sent something (a purge sent lifts the
     *     purge watermark's ceiling, which the next call owes)
     */
    boolean punctuate(RuleSet ruleSet, long now) {
        boolean sent = false;
        for (PendingPurge due : coalescer.takeDue(now)) {
            sent = true;
            PurgeRequest request = due.request();
            forward(request.key(), new Routed(purgeTopic(due.region()), request.source().partition(),
                    purgeSerializer.serialize(request.source().topic(), request)), now);
            count(due.region(), "purge");
        }
        Map<String, Optional<SourcePosition>> ceilings = coalescer.watermarkCeilings();
        int watermarks = 0;
        for (Map.Entry<String, SourcePosition> entry : positions.entrySet()) {
            SourcePosition at = entry.getValue();
            Optional<SourcePosition> ceiling = ceilings.getOrDefault(entry.getKey(), Optional.of(at));
            for (String region : ruleSet.regions()) {
                watermarks += watermark(replicateTopic(region), region, at, now);
                if (ceiling.isPresent()) {
                    watermarks += watermark(purgeTopic(region), region, ceiling.get(), now);
                }
            }
        }
        return sent || watermarks > 0 || coalescer.waiting() > 0;
    }

    private int watermark(String topic, String region, SourcePosition at, long now) {
        if (covered.advance(topic, at.topic(), at.offset())) {
            Watermark watermark = new Watermark(at);
            forward(null, new Routed(topic, at.partition(), regionSerializer.serialize(topic, watermark)), now);
            count(region, "watermark");
            return 1;
        }
        return 0;
    }

    private String replicateTopic(String region) {
        return replicateTopics.computeIfAbsent(region, topics::replicate);
    }

    private String purgeTopic(String region) {
        return purgeTopics.computeIfAbsent(region, topics::purge);
    }

    private void forward(String key, Routed routed, long timestamp) {
        context.forward(new Record<>(key, routed, timestamp), TopologyNames.REGION_SINK);
    }

    private void count(String region, String type) {
        // by region, then type: no key is built (and hashed) per record
        counters.computeIfAbsent(region, r -> new HashMap<>(4))
                .computeIfAbsent(type, t -> metrics.counter(REGION_RECORDS, TAG_REGION, region, TAG_TYPE, t))
                .increment();
    }
}
