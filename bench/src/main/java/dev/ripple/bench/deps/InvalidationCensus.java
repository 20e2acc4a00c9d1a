package dev.ripple.bench.deps;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.JsonSerde;
import dev.ripple.events.Op;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts, on each region's {@code ripple.replicate.<region>} (read committed, from offsets taken before the edit),
 * the derived invalidations of one root edit per dependent: a census of what the fan-out delivered.
 */
public final class InvalidationCensus {
    private static final JsonSerde<RegionRecord> RECORDS = EventSerdes.regionRecord();
    private final String bootstrap;
    private final TopicNames topics;
    private final List<String> regions;
    private final Map<TopicPartition, Long> from;

    private InvalidationCensus(String bootstrap, TopicNames topics, List<String> regions,
            Map<TopicPartition, Long> from) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.regions = List.copyOf(regions);
        this.from = Map.copyOf(from);
    }

    /** Marks where every region's topic ends now: a census later counts what came after, through {@code bootstrap}. */
    public static InvalidationCensus mark(String bootstrap, Admin admin, TopicNames topics, List<String> regions)
            throws Exception {
        return new InvalidationCensus(bootstrap, topics, regions, ends(admin, topics, regions));
    }

    /** The committed end (last stable offset) of every partition of the regions' topics. */
    static Map<TopicPartition, Long> ends(Admin admin, TopicNames topics, List<String> regions) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        List<String> names = regions.stream().map(topics::replicate).toList();
        admin.describeTopics(names).allTopicNames().get().forEach((topic, info) -> info.partitions()
                .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Reads every region's topic from the mark until each holds {@code expected} distinct dependents invalidated by
     * {@code rootId} and the committed end of the topic as it was then, or until {@code deadline}.
     *
     * @param dependents how many dependents there are (the index range)
     */
    public Result count(Admin admin, String rootId, int dependents, int expected, Duration deadline)
            throws Exception {
        Map<String, byte[]> counts = new LinkedHashMap<>();
        Map<String, Long> distinct = new HashMap<>();
        Map<String, String> regionOf = new HashMap<>();
        for (String region : regions) {
            counts.put(region, new byte[dependents]);
            distinct.put(region, 0L);
            regionOf.put(topics.replicate(region), region);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "census-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        long until = System.nanoTime() + deadline.toNanos();
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> target = null;
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    int i = FanoutPlan.indexOf(record.key());
                    if (i < 0 || i >= dependents || !isInvalidationBy(record.value(), rootId)) {
                        continue;
                    }
                    String region = regionOf.get(record.topic());
                    byte[] held = counts.get(region);
                    if (held[i] == 0) {
                        distinct.merge(region, 1L, Long::sum);
                    }
                    held[i] = (byte) Math.min(Byte.MAX_VALUE, held[i] + 1);
                }
                boolean complete = distinct.values().stream().allMatch(n -> n >= expected);
                if (complete && target == null) {
                    target = ends(admin, topics, regions); // and whatever was committed up to now, copies included
                }
                if (target != null && reached(consumer, target)) {
                    break;
                }
            }
        }
        return Result.of(counts, read);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInvalidationBy(byte[] value, String rootId) {
        RegionRecord record = RECORDS.deserialize(null, value);
        return record instanceof ReplicationRecord replication && replication.event().op() == Op.INVALIDATE
                && replication.event().rootEvent() != null && rootId.equals(replication.event().rootEvent().id());
    }

    /**
     * What one region received.
     *
     * @param invalidated dependents that read the changed part and were invalidated at least once
     * @param missing dependents that read it and were not
     * @param repeated dependents invalidated more than once
     * @param wrong dependents that do not read it and were invalidated
     */
    public record Region(long invalidated, long missing, long repeated, long wrong) {}

    /** Per region, in the order given; {@code recordsRead} over all. */
    public record Result(Map<String, Region> regions, long recordsRead) {
        static Result of(Map<String, byte[]> counts, long read) {
            Map<String, Region> out = new LinkedHashMap<>();
            counts.forEach((region, held) -> {
                long invalidated = 0;
                long missing = 0;
                long repeated = 0;
                long wrong = 0;
                for (int i = 0; i < held.length; i++) {
                    boolean reads = FanoutPlan.readsChanged(i);
                    invalidated += reads && held[i] > 0 ? 1 : 0;
                    missing += reads && held[i] == 0 ? 1 : 0;
                    repeated += held[i] > 1 ? 1 : 0;
                    wrong += !reads && held[i] > 0 ? 1 : 0;
                }
                out.put(region, new Region(invalidated, missing, repeated, wrong));
            });
            return new Result(out, read);
        }

        /** Whether every region got exactly the dependents that read the changed part, once each. */
        public boolean exact() {
            return regions.values().stream().allMatch(r -> r.missing() == 0 && r.repeated() == 0 && r.wrong() == 0);
        }

        /** A line per region that did not get exactly the dependents that read the changed part, once each. */
        public List<String> problems() {
            List<String> out = new ArrayList<>();
            regions.forEach((region, r) -> {
                if (r.missing() + r.repeated() + r.wrong() > 0) {
                    out.add(region + ": " + r);
                }
            });
            return out;
        }
    }
}
