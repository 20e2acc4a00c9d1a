package dev.ripple.replica.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.RegionRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaLimits;
import dev.ripple.replica.ReplicaStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier's loop, on its one thread: poll, hand records to their {@link PartitionLane}, start the batches that
 * are ready, pause what cannot go on, commit what is durable, publish the position. Batches complete on store and
 * HTTP threads; their results come back through {@link #completions} and a {@code consumer.wakeup()}, so the loop
 * never waits for one apply while others could go on.
 */
final class ApplierLoop implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(ApplierLoop.class);
    private static final long DRAIN_TIMEOUT_MS = 30_000;

    private final ReplicaConfig config;
    private final ReplicaLimits limits;
    private final ReplicaStore store;
    private final Clock clock;
    private final BatchRunner runner;
    private final ApplierMetrics metrics;
    private final AppliedView view;
    private final LaneEvents events;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, RegionPosition> producer;
    private final BiConsumer<List<AppliedEntry>, RegionPosition> onApplied;
    private final Map<Integer, PartitionLane> lanes = new TreeMap<>();
    private final Map<Integer, CompletableFuture<?>> inFlight = new HashMap<>();
    private final Set<Integer> paused = new HashSet<>();
    /** An operator's hold: no partition takes new records until released. */
    private volatile boolean held;
    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private long publishedVersion = -1;
    private long lastPublishMs = Long.MIN_VALUE / 2;
    private long lastCommitMs = Long.MIN_VALUE / 2;
    private long nextRemoteRefreshMs;

    ApplierLoop(ReplicaConfig config, ReplicaStore store, Clock clock, BatchRunner runner, ApplierMetrics metrics,
            AppliedView view, KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, RegionPosition> producer,
            BiConsumer<List<AppliedEntry>, RegionPosition> onApplied) {
        this.config = config;
        this.limits = config.limits();
        this.store = store;
        this.clock = clock;
        this.runner = runner;
        this.metrics = metrics;
        this.view = view;
        this.events = new LaneEvents(config.region(), metrics);
        this.consumer = consumer;
        this.producer = producer;
        this.onApplied = onApplied;
    }

    /** Runs until {@link #stop()}; then drains, commits and publishes. Throws on a fatal error. */
    void run() {
        consumer.subscribe(List.of(config.regionTopic()), this);
        while (!stopping) {
            step();
        }
        drain(List.copyOf(lanes.keySet()));
        commitNow(true);
        publish(clock.millis(), true);
    }

    /** Holds (true) or releases (false) every partition, as an operator asked; safe from any thread. */
    void hold(boolean hold) {
        held = hold;
        consumer.wakeup();
    }

    /** Asks the loop to finish; safe from any thread. */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    private void step() {
        runCompletions();
        long now = clock.millis();
        for (PartitionLane lane : lanes.values()) {
            PartitionLane.Batch batch = lane.next(view, limits, now);
            if (batch != null) {
                start(lane, batch);
            }
        }
        watchWaits(now);
        pauseOrResume(now);
        if (now - lastCommitMs >= limits.commitInterval().toMillis() && commitNow(false)) {
            lastCommitMs = now;
        }
        publish(now, false);
        try {
            Duration timeout = completions.isEmpty() ? limits.pollTimeout() : Duration.ZERO;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                accept(record);
            }
        } catch (WakeupException e) {
            // a batch completed, or close() was called
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        PartitionLane lane = lanes.computeIfAbsent(record.partition(), p -> new PartitionLane(p, events));
        if (record.value() == null) {
            lane.addUnreadable(record.offset(), "record has no value");
            return;
        }
        try {
            RegionRecord value = EventSerdes.regionRecord().deserialize(record.topic(), record.value());
            if (value.source().partition() != record.partition()) {
                lane.addUnreadable(record.offset(), "record of source partition " + value.source().partition()
                        + " on partition " + record.partition() + ": the region topic is not co-partitioned");
            } else {
                lane.add(record.offset(), value, record.value().length);
            }
        } catch (SerializationException e) {
            lane.addUnreadable(record.offset(), e.getMessage());
        }
    }

    private void start(PartitionLane lane, PartitionLane.Batch batch) {
        long startNanos = System.nanoTime();
        CompletableFuture<List<AppliedEntry>> done;
        try {
            done = runner.run(batch);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        inFlight.put(lane.partition(), done);
        done.whenComplete((entries, error) -> {
            completions.add(() -> finished(lane, batch, entries, error, startNanos));
            consumer.wakeup();
        });
    }

    private void finished(PartitionLane lane, PartitionLane.Batch batch, List<AppliedEntry> entries, Throwable error,
            long startNanos) {
        if (lanes.get(lane.partition()) != lane) {
            return;
        }
        inFlight.remove(lane.partition());
        long now = clock.millis();
        if (error != null) {
            events.batchFailed(lane, batch, error, now, limits.retryBackoff().toMillis());
            return;
        }
        lane.completed(batch);
        events.batchApplied(lane.partition(), entries, System.nanoTime() - startNanos);
        entries.forEach(entry -> view.advance(entry.record().source()));
        onApplied.accept(entries, view.snapshot(config.region(), clock.instant()));
    }

    private void runCompletions() {
        for (Runnable completion = completions.poll(); completion != null; completion = completions.poll()) {
            completion.run();
        }
    }

    private void watchWaits(long now) {
        long longest = 0;
        Set<Integer> remote = new TreeSet<>();
        for (PartitionLane lane : lanes.values()) {
            longest = Math.max(longest, lane.checkWait(now, limits.dependencyWaitAlert().toMillis()));
            lane.blockedOn().forEach(missing -> {
                if (!lanes.containsKey(missing.partition().partition())) {
                    remote.add(missing.partition().partition());
                }
            });
        }
        metrics.longestWaitMs.set(longest);
        if (!remote.isEmpty() && now >= nextRemoteRefreshMs) {
            nextRemoteRefreshMs = now + limits.remoteRefreshInterval().toMillis();
            for (int partition : remote) {
                store.position(partition).whenComplete((stored, error) -> {
                    if (stored != null) {
                        completions.add(() -> view.merge(stored));
                        consumer.wakeup();
                    }
                });
            }
        }
    }

    private void pauseOrResume(long now) {
        long buffered = 0;
        long stuck = 0;
        if (held) {
            consumer.pause(consumer.assignment());
            consumer.assignment().forEach(tp -> paused.add(tp.partition()));
        } else {
            for (Integer partition : List.copyOf(paused)) {
                if (!lanes.containsKey(partition)) {
                    paused.remove(partition);
                    consumer.resume(List.of(new TopicPartition(config.regionTopic(), partition)));
                }
            }
        }
        for (PartitionLane lane : lanes.values()) {
            TopicPartition tp = new TopicPartition(config.regionTopic(), lane.partition());
            boolean pause = held || lane.wantsPause(limits, now);
            if (pause && paused.add(lane.partition())) {
                consumer.pause(List.of(tp));
                if (lane.buffered() >= limits.maxBufferedRecords()) {
                    metrics.bufferFull.increment();
                }
            } else if (!pause && paused.remove(lane.partition())) {
                consumer.resume(List.of(tp));
            }
            buffered += lane.buffered();
            stuck += lane.isStuck() ? 1 : 0;
        }
        metrics.paused.set(paused.size());
        metrics.buffered.set(buffered);
        metrics.stuck.set(stuck);
    }

    /** Commits the durable offsets not committed yet; returns whether there were any. */
    private boolean commitNow(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lanes.values().forEach(lane -> {
            long next = lane.takeCommit();
            if (next >= 0) {
                offsets.put(new TopicPartition(config.regionTopic(), lane.partition()), new OffsetAndMetadata(next));
            }
        });
        if (offsets.isEmpty()) {
            return false;
        }
        if (sync) {
            withoutWakeup(() -> {
                consumer.commitSync(offsets);
                return null;
            });
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    log.warn("Region {}: could not commit offsets {} ({}); a later commit covers them, and records "
                            + "replayed after a restart are no-ops", config.region(), done, error.toString());
                }
            });
        }
        return true;
    }

    private void publish(long now, boolean force) {
        if (view.version() == publishedVersion
                || (!force && now - lastPublishMs < limits.positionPublishInterval().toMillis())) {
            return;
        }
        RegionPosition position = view.snapshot(config.region(), clock.instant());
        producer.send(new ProducerRecord<>(config.topics().positions(), config.region(), position),
                (metadata, error) -> {
                    if (error != null) {
                        log.warn("Region {}: could not publish its position ({}); the next change is published "
                                + "again", config.region(), error.toString());
                    }
                });
        publishedVersion = view.version();
        lastPublishMs = now;
        metrics.positionsPublished.increment();
    }

    /** Waits (bounded) for the batches of these partitions, then applies their results. */
    private void drain(Collection<Integer> partitions) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        for (int partition : partitions) {
            CompletableFuture<?> batch = inFlight.get(partition);
            if (batch != null) {
                try {
                    batch.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    log.warn("Region {} partition {}: batch did not finish while stopping ({}); its records are "
                            + "applied again by the next owner", config.region(), partition, e.toString());
                }
            }
        }
        runCompletions();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<Integer> revoked = partitions.stream().map(TopicPartition::partition).toList();
        drain(revoked);
        commitNow(true);
        revoked.forEach(this::forget);
        log.info("Region {}: partitions {} revoked", config.region(), revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> forget(tp.partition()));
        log.warn("Region {}: partitions {} lost; their uncommitted records are applied again by the next owner",
                config.region(), partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            lanes.computeIfAbsent(tp.partition(), p -> new PartitionLane(p, events));
        }
        int count = withoutWakeup(() -> consumer.partitionsFor(config.regionTopic()).size());
        if (count != config.partitions()) {
            throw new dev.ripple.replica.ReplicaException("Invalid value " + config.partitions()
                    + " for configuration partitions: " + config.regionTopic() + " has " + count + " partitions. "
                    + "Region topics are co-partitioned with the source streams; set partitions to the cluster's "
                    + "source partition count. The applier of region " + config.region() + " stops.");
        }
        for (TopicPartition tp : partitions) {
            try {
                view.merge(store.position(tp.partition()).toCompletableFuture().get(DRAIN_TIMEOUT_MS,
                        TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                log.warn("Region {} partition {}: could not read its position from the store ({}); it advances "
                        + "with the next apply", config.region(), tp.partition(), e.toString());
            }
        }
        log.info("Region {}: partitions {} assigned", config.region(),
                partitions.stream().map(TopicPartition::partition).sorted().toList());
    }

    private void forget(int partition) {
        lanes.remove(partition);
        inFlight.remove(partition);
        paused.remove(partition);
    }

    private <T> T withoutWakeup(Supplier<T> call) {
        try {
            return call.get();
        } catch (WakeupException e) {
            return call.get();
        }
    }
}
