package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.RegionRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaException;
import dev.ripple.replica.ReplicaLimits;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.StoreLostException;
import dev.ripple.replica.StoredPosition;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopOptions;
import dev.ripple.runtime.consume.LoopStep;
import dev.ripple.runtime.consume.PositionPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier's step on the shared {@link ConsumeLoop}: records go to their {@link PartitionLane}, ready batches
 * start, blocked or full lanes ask for a pause, and the position is published. Batches complete on store and HTTP
 * threads; their results come back through {@link ConsumeLoop#handBack}, so the loop never waits for one apply
 * while others could go on. A batch's records become committable when it is durable.
 */
final class ApplierStep implements LoopStep<byte[], Void> {
    private static final Logger log = LoggerFactory.getLogger(ApplierStep.class);
    private static final long STORE_WAIT_MS = 30_000;
    /** How long a revoke or a stop waits for the batches in flight. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final ReplicaConfig config;
    private final ReplicaLimits limits;
    private final ReplicaStore store;
    private final Clock clock;
    private final BatchRunner runner;
    private final ApplierMetrics metrics;
    private final AppliedView view;
    private final LaneEvents events;
    private final ConsumeLoop<byte[], Void> loop;
    private final PositionPublisher<RegionPosition> publisher;
    private final BiConsumer<List<AppliedEntry>, RegionPosition> onApplied;
    private final Map<Integer, PartitionLane> lanes = new TreeMap<>();
    private final RegionRebuilds rebuilds;
    /** Partitions whose generation check is in flight. */
    private final Set<Integer> checking = new TreeSet<>();
    private long nextRemoteRefreshMs;
    private long nextCheckMs;

    ApplierStep(ReplicaConfig config, ReplicaStore store, Clock clock, BatchRunner runner, ApplierMetrics metrics,
            AppliedView view, ConsumeLoop<byte[], Void> loop, Producer<String, RegionPosition> producer,
            BiConsumer<List<AppliedEntry>, RegionPosition> onApplied) {
        this.config = config;
        this.limits = config.limits();
        this.store = store;
        this.clock = clock;
        this.runner = runner;
        this.metrics = metrics;
        this.view = view;
        this.events = new LaneEvents(config.region(), metrics);
        this.loop = loop;
        this.publisher = new PositionPublisher<>("Region " + config.region(), producer, position -> position,
                config.topics().positions(), config.region(), limits.positionPublishInterval(),
                metrics.positionsPublished::increment);
        this.onApplied = onApplied;
        this.rebuilds = new RegionRebuilds(config.region(), config.rebuild(), limits.maxBatchRecords(), store, clock,
                metrics, loop::handBack, this::rebuilt);
    }

    /** How the applier's loop runs. */
    static LoopOptions options(ReplicaConfig config) {
        return new LoopOptions("Region " + config.region(), config.regionTopic(), config.limits().pollTimeout(),
                config.limits().commitInterval(), DRAIN_TIMEOUT, DRAIN_TIMEOUT, LoopOptions.Mode.GROUP);
    }

    @Override
    public Void accept(ConsumerRecord<String, byte[]> record) {
        PartitionLane lane = lane(record.partition());
        if (record.value() == null) {
            lane.addUnreadable(record.offset(), "record has no value");
            return null;
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
        return null;
    }

    private PartitionLane lane(int partition) {
        return lanes.computeIfAbsent(partition, p -> new PartitionLane(p, events));
    }

    @Override
    public void round(long now) {
        long epoch = view.epoch();
        view.follow(config.epoch().current());
        for (PartitionLane lane : lanes.values()) {
            PartitionLane.Batch batch = rebuilds.rebuilding(lane.partition()) ? null : lane.next(view, limits, now);
            if (batch != null) {
                start(lane, batch);
            }
        }
        watchWaits(now);
        checkGenerations(now);
        long buffered = 0;
        long stuck = 0;
        for (PartitionLane lane : lanes.values()) {
            buffered += lane.buffered();
            stuck += lane.isStuck() ? 1 : 0;
        }
        metrics.buffered.set(buffered);
        metrics.stuck.set(stuck);
        if (view.epoch() != epoch) {
            log.info("Region {} follows epoch {} (was {}): its applied position starts afresh in it",
                    config.region(), view.epoch(), epoch);
        }
        publish(now, view.epoch() != epoch);
    }

    /** A changed position to publish once its interval has passed, and the next generation check. */
    @Override
    public long nextDutyMs(long nowMs) {
        return Math.min(publisher.nextPublishMs(view.version()), nextCheckMs);
    }

    @Override
    public boolean wantsPause(int partition, long nowMs) {
        PartitionLane lane = lanes.get(partition);
        return rebuilds.rebuilding(partition) || (lane != null && lane.wantsPause(limits, nowMs));
    }

    @Override
    public void pausesMade(int pausedPartitions) {
        metrics.paused.set(pausedPartitions);
    }

    @Override
    public void paused(int partition) {
        PartitionLane lane = lanes.get(partition);
        if (lane != null && lane.buffered() >= limits.maxBufferedRecords()) {
            metrics.bufferFull.increment();
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
        done.whenComplete((entries, error) -> loop.handBack(() -> finished(lane, batch, entries, error, startNanos)));
    }

    private void finished(PartitionLane lane, PartitionLane.Batch batch, List<AppliedEntry> entries, Throwable error,
            long startNanos) {
        if (lanes.get(lane.partition()) != lane) {
            return;
        }
        long now = clock.millis();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause instanceof StoreLostException lost) {
                // retried once the partition is rebuilt: its records are then applied version-gated
                lane.failed(batch, now, limits.retryBackoff().toMillis());
                outOfService(lane.partition(), null, lost.getMessage());
                return;
            }
            events.batchFailed(lane, batch, error, now, limits.retryBackoff().toMillis());
            return;
        }
        lane.completed(batch);
        batch.entries().forEach(entry -> loop.complete(lane.partition(), entry.offset()));
        events.batchApplied(lane.partition(), entries, System.nanoTime() - startNanos);
        entries.forEach(entry -> view.advance(entry.record().source()));
        onApplied.accept(entries, snapshot());
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
                        loop.handBack(() -> view.merge(stored));
                    }
                });
            }
        }
    }

    private void publish(long now, boolean force) {
        publisher.publish(view.version(), this::snapshot, now, force);
    }

    @Override
    public boolean busy(Collection<Integer> partitions) {
        return partitions.stream().map(lanes::get).anyMatch(lane -> lane != null && lane.inFlight());
    }

    @Override
    public void forget(Collection<Integer> partitions) {
        partitions.forEach(lanes::remove);
        boolean wasRebuilding = partitions.stream().anyMatch(rebuilds::rebuilding);
        rebuilds.cancel(partitions);
        if (wasRebuilding) {
            // their next owner resumes the rebuild and says so; this instance no longer holds them out of service
            servingChanged();
        }
    }

    @Override
    public void closing() {
        publish(clock.millis(), true);
        rebuilds.close();
    }

    /** The generation the partition's data belongs to, committed with its offsets: found again after a restart. */
    @Override
    public String metadata(int partition) {
        return store.generation(partition).orElse("");
    }

    /** Partitions out of service (their store lost its data; being rebuilt). Loop thread. */
    Set<Integer> rebuilding() {
        return rebuilds.partitions();
    }

    /**
     * Every {@code checkInterval}, asks the store for each owned partition's position: one gone, of another
     * generation, or behind what was applied means the store lost data even where nothing is being applied.
     */
    private void checkGenerations(long now) {
        if (now < nextCheckMs) {
            return;
        }
        nextCheckMs = now + config.rebuild().checkInterval().toMillis();
        for (int partition : lanes.keySet()) {
            if (rebuilds.rebuilding(partition) || !checking.add(partition)) {
                continue;
            }
            Map<TopicPartitionKey, Long> claim = claimOf(partition);
            store.position(partition).whenComplete((stored, error) -> loop.handBack(() -> {
                checking.remove(partition);
                if (stored != null && lanes.containsKey(partition) && !rebuilds.rebuilding(partition)) {
                    StoreVerdicts.lost(stored, store.generation(partition), view.epoch(), claim)
                            .ifPresent(why -> outOfService(partition, stored, why));
                }
            }));
        }
    }

    private void outOfService(int partition, StoredPosition stored, String why) {
        boolean was = rebuilds.rebuilding(partition);
        rebuilds.start(partition, stored, claimOf(partition), why);
        if (!was) {
            servingChanged();
        }
    }

    private void rebuilt(int partition, StoredPosition position) {
        view.merge(position);
        store.claim(partition, position.generation(), position.offsets());
        servingChanged();
    }

    /** Which partitions serve changed: listeners and ripple.positions hear of it at once. */
    private void servingChanged() {
        view.touch();
        onApplied.accept(List.of(), snapshot());
        publish(clock.millis(), true);
    }

    private Map<TopicPartitionKey, Long> claimOf(int partition) {
        return StoreVerdicts.claimOf(view.position(), partition);
    }

    private RegionPosition snapshot() {
        return view.snapshot(config.region(), clock.instant(), rebuilds.partitions());
    }

    @Override
    public void assigned(Map<Integer, String> committed, int topicPartitions) {
        committed.keySet().forEach(this::lane);
        if (topicPartitions == 0 && committed.isEmpty()) {
            log.info("Region topic {} does not exist yet: the applier of region {} waits for the propagator to "
                    + "create it", config.regionTopic(), config.region());
        }
        // 0 with partitions assigned: the broker asked did not know the topic yet; the next assignment checks it
        if (topicPartitions != 0 && topicPartitions != config.partitions()) {
            throw new ReplicaException("Invalid value " + config.partitions() + " for configuration partitions: "
                    + config.regionTopic() + " has " + topicPartitions + " partitions. Region topics are "
                    + "co-partitioned with the source streams; set partitions to the cluster's source partition "
                    + "count. The applier of region " + config.region() + " stops.");
        }
        for (Map.Entry<Integer, String> entry : committed.entrySet()) {
            int partition = entry.getKey();
            if (entry.getValue() != null && !entry.getValue().isEmpty()) {
                // until the store is read, applies expect the generation the group last committed: a store that
                // cannot be read now and turns out empty is then found lost, not silently refilled
                store.claim(partition, entry.getValue(), Position.empty(view.epoch()));
            }
            try {
                StoredPosition stored = store.position(partition).toCompletableFuture().get(STORE_WAIT_MS,
                        TimeUnit.MILLISECONDS);
                view.merge(stored);
                takeOver(partition, stored, entry.getValue());
            } catch (Exception e) {
                log.warn("Region {} partition {}: could not read its position from the store ({}); it advances "
                        + "with the next apply", config.region(), partition, e.toString());
            }
        }
    }

    /** Acts on what an assigned partition needs ({@link StoreVerdicts#onAssignment}). */
    private void takeOver(int partition, StoredPosition stored, String committed) {
        StoreVerdicts.Verdict verdict = StoreVerdicts.onAssignment(stored, committed);
        if (verdict instanceof StoreVerdicts.Verdict.Fill fill) {
            outOfService(partition, fill.resume() ? stored : null, fill.why());
        } else if (verdict instanceof StoreVerdicts.Verdict.Serve serve) {
            if (serve.note() != null) {
                log.info("Region {} partition {}: {}; going on with {}", config.region(), partition, serve.note(),
                        serve.generation());
            }
            if (serve.generation() != null) {
                store.claim(partition, serve.generation(), stored.offsets());
            }
        }
    }
}
