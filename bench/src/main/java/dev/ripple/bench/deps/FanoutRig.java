package dev.ripple.bench.deps;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.events.Dependency;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.Op;
import dev.ripple.events.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives a running stack (broker, etcd, a propagator, a replica of {@code region}) through a fan-out: configures the
 * stream, loads the declarations straight into the stream's topic with a batching producer (no HTTP), edits the key,
 * times direct edits, and says when the fan-out has drained. Not thread-safe, but for the probes it starts.
 */
public final class FanoutRig implements AutoCloseable {
    public static final String PROPAGATOR_GROUP = "ripple-propagator";
    static final String ROUTED = "ripple_propagator_events_routed_total";
    static final String EDGES = "ripple_propagator_deps_edges_total";
    static final String DERIVED = "ripple_propagator_deps_derived_total";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Serializer<EditEvent> EVENTS = EventSerdes.editEvent().serializer();

    private final String bootstrap;
    private final String etcd;
    private final String region;
    private final PartMetrics propagator;
    private final TopicNames topics = TopicNames.defaults();
    private final Admin admin;
    private final Producer<String, byte[]> bulk;
    private final Producer<String, byte[]> direct;

    /**
     * @param region the region whose replica the direct edits and the drain are timed in
     * @param propagator the propagator's metrics
     */
    public FanoutRig(String bootstrap, String etcd, String region, PartMetrics propagator) {
        this.bootstrap = bootstrap;
        this.etcd = etcd;
        this.region = region;
        this.propagator = propagator;
        this.admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap));
        this.bulk = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20));
        this.direct = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    private Producer<String, byte[]> producer(Map<String, Object> tuning) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(tuning);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public Admin admin() {
        return admin;
    }

    public TopicNames topics() {
        return topics;
    }

    /**
     * Puts the plan's stream and rule into the config, waits until the propagator created the stream's topic,
     * restarts the propagator ({@code restartPropagator}: SIGTERM, then the same command line) and waits until it
     * reads the stream and the derived lane. The restart makes it read the new topic at once rather than at its
     * pattern subscription's next metadata refresh (up to 30 s); before the derived lane was one topic there from the
     * start, a lane appearing under a running propagator stopped it ("Topic ripple.derived.pages is unknown to the
     * topology"), and whether a new stream topic can do the same was not tried.
     */
    public void configure(FanoutPlan plan, Duration timeout, Runnable restartPropagator) throws Exception {
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd))) {
            store.put(plan.stream().key(), ConfigDocuments.toJson(plan.stream()));
            store.put(plan.rule().key(), ConfigDocuments.toJson(plan.rule()));
        }
        List<String> needed = List.of(topics.stream(FanoutPlan.STREAM), topics.derived());
        await("the propagator to create " + needed, timeout, () -> exist(needed));
        restartPropagator.run();
        await("the propagator to read " + needed, timeout, () -> assigned(needed));
    }

    private boolean exist(List<String> names) {
        try {
            return admin.listTopics().names().get().containsAll(names);
        } catch (Exception notYet) {
            return false;
        }
    }

    /** The regions the config routes to: every {@code ripple.replicate.<region>} topic, sorted. */
    public List<String> regions() throws Exception {
        String head = topics.prefix() + ".replicate.";
        return admin.listTopics().names().get().stream().filter(t -> t.startsWith(head))
                .map(t -> t.substring(head.length())).sorted().toList();
    }

    /** Whether the propagator's group has every partition of {@code names} assigned. */
    private boolean assigned(List<String> names) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(names)
                    .allTopicNames().get();
            List<TopicPartition> all = new ArrayList<>();
            described.forEach((topic, info) -> info.partitions().forEach(p -> all.add(new TopicPartition(topic,
                    p.partition()))));
            List<TopicPartition> owned = new ArrayList<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of(PROPAGATOR_GROUP)).all().get()
                    .get(PROPAGATOR_GROUP).members()) {
                owned.addAll(member.assignment().topicPartitions());
            }
            return owned.containsAll(all);
        } catch (Exception notYet) {
            return false;
        }
    }

    /**
     * Publishes the plan's declarations and waits until the propagator indexed every one.
     *
     * @param edgesBefore the propagator's count of edges added before (0 on a fresh stack)
     */
    public Load declare(FanoutPlan plan, double edgesBefore, Duration timeout) {
        String topic = topics.stream(FanoutPlan.STREAM);
        Instant now = Instant.now();
        List<Sample> samples = new ArrayList<>();
        double routedBefore = routed();
        long start = System.nanoTime();
        for (int i = 0; i < plan.dependents(); i++) {
            String key = FanoutPlan.dependent(i);
            List<Dependency> uses = List.of(new Dependency(FanoutPlan.USED,
                    List.of(FanoutPlan.readsChanged(i) ? FanoutPlan.CHANGED : FanoutPlan.UNCHANGED)));
            EditEvent event = new EditEvent(EditEvent.SCHEMA, new EventMeta(UUID.randomUUID().toString(), now,
                    FanoutPlan.STREAM, null, null, null, null), key, Op.UPSERT, 1L, null, "text/plain", "page " + i,
                    List.of(), null, null, null, uses, null, null);
            bulk.send(new ProducerRecord<>(topic, key, EVENTS.serialize(topic, event)));
            if ((i & 0xffff) == 0) {
                samples.add(new Sample(System.nanoTime(), routed() - routedBefore));
            }
        }
        bulk.flush();
        long published = System.nanoTime();
        long until = published + timeout.toNanos();
        double edges = 0;
        while (!(edges >= edgesBefore + plan.dependents()) && System.nanoTime() < until) { // NaN: no answer yet
            LockSupport.parkNanos(POLL.toNanos() * 2);
            samples.add(new Sample(System.nanoTime(), routed() - routedBefore));
            edges = propagator.sum(EDGES, Map.of("change", "added"));
        }
        if (!(edges >= edgesBefore + plan.dependents())) {
            throw new IllegalStateException("The propagator indexed " + (long) (edges - edgesBefore) + " of "
                    + plan.dependents() + " declarations in " + timeout.toSeconds() + " s");
        }
        long indexed = System.nanoTime();
        return new Load(plan.dependents(), Duration.ofNanos(published - start), Duration.ofNanos(indexed - start),
                steadyRate(samples, plan.dependents()));
    }

    private double routed() {
        return propagator.sum(ROUTED, Map.of("stream", FanoutPlan.STREAM));
    }

    /**
     * Publishes {@code count} direct edits as fast as the producer takes them and returns the rate at which the
     * propagator routed them between 10% and 90% of them (its saturation on this stream).
     */
    public double directSaturation(int count, String name, Duration timeout) {
        String topic = topics.stream(FanoutPlan.STREAM);
        double before = routed();
        List<Sample> samples = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String key = FanoutPlan.DIRECT_PREFIX + name + "-" + i;
            EditEvent event = EditEvent.upsert(new EventMeta(UUID.randomUUID().toString(), now, FanoutPlan.STREAM,
                    null, null, null, null), key, 1, "text/plain", "burst " + i);
            bulk.send(new ProducerRecord<>(topic, key, EVENTS.serialize(topic, event)));
        }
        bulk.flush();
        long until = System.nanoTime() + timeout.toNanos();
        double done = 0;
        while (!(done >= count) && System.nanoTime() < until) {
            done = routed() - before;
            samples.add(new Sample(System.nanoTime(), done));
            LockSupport.parkNanos(POLL.toNanos() / 5);
        }
        return steadyRate(samples, count);
    }

    private record Sample(long nanos, double count) {}

    /** Count per second between the first samples at 10% and at 90% of {@code total}; NaN if not reached. */
    private static double steadyRate(List<Sample> samples, double total) {
        Sample from = samples.stream().filter(s -> s.count() >= total * 0.1).findFirst().orElse(null);
        Sample to = samples.stream().filter(s -> s.count() >= total * 0.9).findFirst().orElse(null);
        if (from == null || to == null || to.nanos() <= from.nanos()) {
            return Double.NaN;
        }
        return (to.count() - from.count()) / ((to.nanos() - from.nanos()) / 1e9);
    }

    /** Edits the used key, changing part {@value FanoutPlan#CHANGED}; returns the edit, the fan-out's root. */
    public Edit edit() {
        String topic = topics.stream(FanoutPlan.STREAM);
        String id = UUID.randomUUID().toString();
        EditEvent event = new EditEvent(EditEvent.SCHEMA, new EventMeta(id, Instant.now(), FanoutPlan.STREAM, null,
                null, null, null), FanoutPlan.USED, Op.UPSERT, System.currentTimeMillis(), null, "text/plain",
                "{{Infobox|params changed}}", List.of(), null, null, null, null, List.of(FanoutPlan.CHANGED), null);
        long at = System.nanoTime();
        direct.send(new ProducerRecord<>(topic, FanoutPlan.USED, EVENTS.serialize(topic, event)));
        direct.flush();
        return new Edit(id, at);
    }

    /** Starts direct edits at {@code rate} per second, keys named after {@code name}. */
    public DirectProbe probe(String name, int rate) {
        return new DirectProbe(direct, topics, name, rate).start();
    }

    /** The propagator's count of derived events of the plan's stream (since it started). */
    public double derived() {
        return propagator.sum(DERIVED, Map.of("stream", FanoutPlan.STREAM));
    }

    /** The propagator's count of dependency edges added (since it started). */
    public double edgesAdded() {
        return propagator.sum(EDGES, Map.of("change", "added"));
    }

    /**
     * Waits until the propagator wrote {@code expected} more derived events than {@code derivedBefore} and the
     * region's replica has applied everything committed to its topic by then; returns when that was.
     */
    public long awaitDrained(double derivedBefore, long expected, Duration timeout) throws Exception {
        await("the propagator to write " + expected + " derived events", timeout,
                () -> derived() >= derivedBefore + expected);
        Map<TopicPartition, Long> ends = InvalidationCensus.ends(admin, topics, List.of(region));
        String group = "ripple-replica-" + region;
        await("the replica of " + region + " to apply them", timeout, () -> applied(group, ends));
        return System.nanoTime();
    }

    private boolean applied(String group, Map<TopicPartition, Long> ends) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                if (end.getValue() > 0 && (at == null || at.offset() < end.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /**
     * The declarations' load.
     *
     * @param declarations published
     * @param published from the first send until the producer flushed
     * @param indexed from the first send until the propagator had indexed every declaration
     * @param routedPerS the propagator's routing rate of the declaring events between 10% and 90% of them
     */
    public record Load(int declarations, Duration published, Duration indexed, double routedPerS) {}

    /**
     * An edit of the used key.
     *
     * @param rootId its event id, the root of its derived events
     * @param publishedNanos when it was handed to the producer ({@link System#nanoTime()})
     */
    public record Edit(String rootId, long publishedNanos) {}

    @Override
    public void close() {
        try (Admin a = admin; Producer<String, byte[]> b = bulk; Producer<String, byte[]> d = direct) {
            b.flush();
        }
    }
}
