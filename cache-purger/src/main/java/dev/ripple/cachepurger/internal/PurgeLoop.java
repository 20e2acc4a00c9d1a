package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.events.codec.FastJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop thread of a purger: the only user of its consumer. It reads records into {@link KeyLanes}, learns from
 * a queue which records are done, commits the completed prefix of each partition with the purge position in the
 * offset's metadata, publishes the position, and pauses every partition while a breaker is open or
 * {@code max_pending_records} are pending.
 */
final class PurgeLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PurgeLoop.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final PurgerConfig config;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final KeyLanes lanes;
    private final Dispatcher dispatcher;
    private final Targets targets;
    private final DeadLetters deadLetters;
    private final PurgePosition position;
    private final LongSupplier epoch;
    private final Clock clock;
    private final PurgerMetrics metrics;
    private final BlockingQueue<List<Origin>> done = new LinkedBlockingQueue<>();
    private final Map<TopicPartition, PartitionTracker> trackers = new HashMap<>();
    private volatile boolean running = true;
    private volatile int pending;
    private volatile int pausedPartitions;
    private boolean paused;
    private Instant lastCommit;
    private Instant lastPublish;

    PurgeLoop(PurgerConfig config, Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            KeyLanes lanes, Dispatcher dispatcher, Targets targets, DeadLetters deadLetters, PurgePosition position,
            LongSupplier epoch, Clock clock, PurgerMetrics metrics) {
        this.config = config;
        this.consumer = consumer;
        this.producer = producer;
        this.lanes = lanes;
        this.dispatcher = dispatcher;
        this.targets = targets;
        this.deadLetters = deadLetters;
        this.position = position;
        this.epoch = epoch;
        this.clock = clock;
        this.metrics = metrics;
        this.lastCommit = clock.instant();
        this.lastPublish = lastCommit;
    }

    /** A record is done (purged or dead-lettered); any thread. */
    void done(Origin origin) {
        done.add(List.of(origin));
    }

    /** Records are done; any thread. */
    void done(List<Origin> origins) {
        done.add(origins);
    }

    /** Asks the loop to stop; it finishes what is in flight (up to the close timeout) first. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    int pending() {
        return pending;
    }

    int pausedPartitions() {
        return pausedPartitions;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(config.topics().purge(config.region())), new Rebalance());
        try {
            while (running) {
                if (pauseOrResume()) {
                    // full: nothing is read until purges finish, so wait for them rather than sit out a poll
                    awaitDone();
                    consume(consumer.poll(Duration.ZERO));
                } else {
                    consume(consumer.poll(POLL));
                }
                finish();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
        drainInFlight();
    }

    private void consume(Iterable<ConsumerRecord<String, byte[]>> records) {
        Instant now = clock.instant();
        boolean any = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            accept(record, now);
            any = true;
        }
        if (any) {
            dispatcher.pump();
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record, Instant now) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionTracker tracker = trackers.computeIfAbsent(partition, p -> new PartitionTracker(Map.of()));
        Origin origin = new Origin(partition, record.offset(), record.key(), record.value());
        PurgeRecord value;
        try {
            value = FastJson.readPurgeRecord(record.topic(), record.value());
        } catch (SerializationException e) {
            tracker.track(record.offset(), null);
            metrics.record("unreadable");
            log.warn("Unreadable record {}-{}@{} goes to the dead-letter topic: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            deadLetters.send(origin, "unreadable purge record: " + e.getMessage(), 1, now);
            return;
        }
        if (value == null) {
            tracker.track(record.offset(), null);
            tracker.complete(record.offset());
            return;
        }
        tracker.track(record.offset(), value.source());
        if (value instanceof Watermark) {
            metrics.record("watermark");
            tracker.complete(record.offset());
        } else if (value instanceof PurgeRequest request) {
            metrics.record("purge");
            if (lanes.offer(request, origin, now) == KeyLanes.Offer.COALESCED) {
                metrics.coalesced();
            }
        }
    }

    /** Takes in what is done, then commits and publishes when their intervals have passed. */
    private void finish() {
        for (List<Origin> origins; (origins = done.poll()) != null; ) {
            complete(origins);
        }
        for (PartitionTracker tracker : trackers.values()) {
            if (tracker.advance()) {
                tracker.advanced().values().forEach(position::advance);
            }
        }
        Instant now = clock.instant();
        position.refresh(epoch.getAsLong(), now);
        pending = trackers.values().stream().mapToInt(PartitionTracker::pending).sum();
        if (!now.isBefore(lastCommit.plus(config.limits().commitInterval()))) {
            commit(false);
            lastCommit = now;
        }
        if (!now.isBefore(lastPublish.plus(config.limits().positionInterval()))) {
            publish();
            lastPublish = now;
        }
    }

    private void complete(List<Origin> origins) {
        for (Origin origin : origins) {
            PartitionTracker tracker = trackers.get(origin.partition());
            if (tracker != null) {
                tracker.complete(origin.offset());
            }
        }
    }

    /** Pauses or resumes every partition; true if paused because {@code max_pending_records} are pending. */
    private boolean pauseOrResume() {
        boolean breakers = targets.current().holdsBack();
        boolean full = pending >= config.limits().maxPendingRecords();
        if (breakers || full) {
            if (!paused) {
                log.debug("Pausing {} partition(s) of {}: {}; lag grows until it clears, nothing is dropped",
                        consumer.assignment().size(), config.topics().purge(config.region()),
                        breakers ? "a target's circuit breaker is open " + targets.current().breakers()
                                : pending + " records pending (max_pending_records)");
                if (full) {
                    metrics.limitHit("max_pending_records");
                }
                paused = true;
            }
            consumer.pause(consumer.assignment());
        } else if (paused) {
            log.debug("Resuming the partitions of {}", config.topics().purge(config.region()));
            consumer.resume(consumer.paused());
            paused = false;
        }
        pausedPartitions = consumer.paused().size();
        return full && !breakers;
    }

    /** Waits up to a poll's time for a batch of records to be done, and takes it in. */
    private void awaitDone() {
        try {
            List<Origin> origins = done.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (origins != null) {
                complete(origins);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        trackers.forEach((partition, tracker) -> {
            long offset = tracker.toCommit();
            if (offset >= 0) {
                offsets.put(partition, new OffsetAndMetadata(offset, CommitMetadata.encode(tracker.advanced())));
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            committed(offsets);
        } else {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    committed(committed);
                } else {
                    log.warn("Could not commit the offsets of {}: {}; trying again", offsets.keySet(),
                            error.toString());
                }
            });
        }
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.committed(offset.offset());
            }
        });
    }

    private void publish() {
        RegionPosition next = position.takeUnpublished();
        if (next == null) {
            return;
        }
        producer.send(new ProducerRecord<>(config.topics().positions(),
                CachePurger.POSITION_KEY_PREFIX + config.region(), EventSerdes.regionPosition()
                        .serialize(config.topics().positions(), next)), (metadata, error) -> {
                            if (error == null) {
                                metrics.positionPublished();
                            } else {
                                log.warn("Could not publish the purge position of {}: {}", config.region(),
                                        error.toString());
                            }
                        });
    }

    /** After the last poll: waits for purges in flight (up to the close timeout), commits and publishes. */
    private void drainInFlight() {
        long deadline = System.nanoTime() + config.limits().closeTimeout().toNanos();
        try {
            while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
                List<Origin> origins = done.poll(10, TimeUnit.MILLISECONDS);
                if (origins != null) {
                    complete(origins);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finish();
        if (dispatcher.inFlight() > 0 || lanes.queued() > 0) {
            log.warn("Closing the purger of {} with {} purge(s) in flight and {} waiting: they are not committed and "
                    + "will be read again", config.region(), dispatcher.inFlight(), lanes.queued());
        }
        try {
            commitAfterStop();
        } catch (RuntimeException e) {
            log.warn("Could not commit the offsets of {} on close: {}", config.region(), e.toString());
        }
        publish();
        producer.flush();
    }

    /**
     * The final commit. {@link #stop()}'s wake-up is still pending when the loop left {@code poll} by itself; it
     * then fails the first blocking call, so the commit is made again once it has.
     */
    private void commitAfterStop() {
        try {
            commit(true);
        } catch (WakeupException e) {
            commit(true);
        }
    }

    /** Commits what is done before partitions go, and picks the position up from the committed metadata. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            finish();
            try {
                commit(true);
            } catch (RuntimeException e) {
                log.warn("Could not commit before a rebalance: {}", e.toString());
            }
            partitions.forEach(trackers::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(trackers::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                Map<String, SourcePosition> advanced = CommitMetadata.decode(offset == null ? null
                        : offset.metadata(), partition.partition());
                advanced.values().forEach(position::advance);
                trackers.put(partition, new PartitionTracker(advanced));
            }
            position.refresh(epoch.getAsLong(), clock.instant());
            log.info("Purger of {} assigned {}", config.region(), partitions);
        }
    }
}
