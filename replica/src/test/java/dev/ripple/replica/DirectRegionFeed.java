package dev.ripple.replica;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionGuarantees;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * A stand-in for producer + propagator: it numbers each write in its source partition (the offset the source log
 * would give it), acknowledges it, and writes the region records as the propagator does, co-partitioned, in
 * source order per partition, with the session vector as dependencies. A write a route excludes from a region
 * becomes a {@link Watermark} there. One region partition can be delayed, to make the other partitions overtake
 * it and exercise dependency waits.
 */
final class DirectRegionFeed implements WritePath {
    private final TopicNames topics;
    private final String sourceTopic;
    private final List<String> regions;
    private final int partitions;
    private final SessionTokenCodec tokens;
    private final KafkaProducer<String, RegionRecord> producer;
    private final long[] nextOffset;
    private final Map<String, Long> delaysMs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();

    DirectRegionFeed(String bootstrap, TopicNames topics, List<String> regions, int partitions,
            SessionTokenCodec tokens) {
        this.topics = topics;
        this.sourceTopic = topics.stream("edits");
        this.regions = List.copyOf(regions);
        this.partitions = partitions;
        this.tokens = tokens;
        this.producer = Kafka.regionProducer(bootstrap);
        this.nextOffset = new long[partitions];
    }

    /** Delays every record of source partition {@code partition} to {@code region} by {@code ms}. */
    DirectRegionFeed delay(String region, int partition, long ms) {
        delaysMs.put(region + "/" + partition, ms);
        return this;
    }

    String sourceTopic() {
        return sourceTopic;
    }

    int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public Ack write(String key, String body, String token) {
        return write(key, body, token, region -> true);
    }

    /** A delete of {@code key}, routed to every region. */
    Ack delete(String key, String token) {
        return write(key, null, token, region -> true);
    }

    /** A write (a delete when {@code body} is null) routed to the regions {@code routed} accepts; the others get a
     * watermark. */
    Ack write(String key, String body, String token, Predicate<String> routed) {
        return write(key, "text/plain", body, token, routed);
    }

    /** An upsert with the producer's {@code contentType}, routed to every region. */
    Ack writeTyped(String key, String contentType, String body, String token) {
        return write(key, contentType, body, token, region -> true);
    }

    private Ack write(String key, String contentType, String body, String token, Predicate<String> routed) {
        long start = System.currentTimeMillis();
        Position deps = token == null ? Position.empty(Records.EPOCH) : tokens.decode(token, Records.EPOCH).position();
        int partition = partitionOf(key);
        Dot dot;
        synchronized (nextOffset) {
            long offset = nextOffset[partition]++;
            Instant now = Instant.now();
            SourcePosition source = new SourcePosition(sourceTopic, partition, offset, now);
            EventMeta meta = new EventMeta(UUID.randomUUID().toString(), now, "edits", null, null, null, "eqiad");
            EditEvent event = body != null ? EditEvent.upsert(meta, key, offset, contentType, body)
                    : new EditEvent(EditEvent.SCHEMA, meta, key, Op.DELETE, offset, null, null, null, List.of(), null,
                            null, null);
            ReplicationRecord record = new ReplicationRecord(event, source, deps, new RuleRef("page-edits", 1),
                    new Trace(now, now));
            for (String region : regions) {
                send(region, key, routed.test(region) ? record : new Watermark(source));
            }
            dot = source.dot();
        }
        Position out = SessionGuarantees.afterWrite(deps, dot);
        return new Ack(dot, deps, out, tokens.encode(out), start, System.currentTimeMillis());
    }

    private void send(String region, String key, RegionRecord record) {
        ProducerRecord<String, RegionRecord> out = new ProducerRecord<>(topics.replicate(region),
                record.source().partition(), key, record);
        Long delay = delaysMs.get(region + "/" + record.source().partition());
        if (delay == null) {
            producer.send(out);
        } else {
            delayed.schedule(() -> producer.send(out), delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        delayed.shutdown();
        try {
            delayed.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
