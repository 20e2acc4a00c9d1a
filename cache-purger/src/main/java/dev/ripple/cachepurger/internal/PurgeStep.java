package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Watermark;
import dev.ripple.events.codec.FastJson;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopOptions;
import dev.ripple.runtime.consume.LoopStep;
import dev.ripple.runtime.consume.PositionPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purger's step on the shared {@link ConsumeLoop}: purge requests go to their {@link KeyLanes}, watermarks are
 * done at once, unreadable records go to the dead-letter topic; the purge position (per source topic, the last
 * source record of the committed prefix) rides in each committed offset's metadata and is published. Every
 * partition pauses while a breaker is open or {@code max_pending_records} are pending.
 */
final class PurgeStep implements LoopStep<byte[], SourcePosition> {
    private static final Logger log = LoggerFactory.getLogger(PurgeStep.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final PurgerConfig config;
    private final ConsumeLoop<byte[], SourcePosition> loop;
    private final Producer<String, byte[]> producer;
    private final PositionPublisher<byte[]> publisher;
    private final KeyLanes lanes;
    private final Dispatcher dispatcher;
    private final Targets targets;
    private final DeadLetters deadLetters;
    private final PurgePosition position;
    private final LongSupplier epoch;
    private final Clock clock;
    private final PurgerMetrics metrics;
    /** Per partition, per source topic, the last source record of the completed prefix. */
    private final Map<Integer, Map<String, SourcePosition>> advanced = new HashMap<>();
    private boolean accepted;
    private boolean paused;

    PurgeStep(PurgerConfig config, ConsumeLoop<byte[], SourcePosition> loop, Producer<String, byte[]> producer,
            KeyLanes lanes, Dispatcher dispatcher, Targets targets, DeadLetters deadLetters, PurgePosition position,
            LongSupplier epoch, Clock clock, PurgerMetrics metrics) {
        this.config = config;
        this.loop = loop;
        this.producer = producer;
        this.lanes = lanes;
        this.dispatcher = dispatcher;
        this.targets = targets;
        this.deadLetters = deadLetters;
        this.position = position;
        this.epoch = epoch;
        this.clock = clock;
        this.metrics = metrics;
        String topic = config.topics().positions();
        this.publisher = new PositionPublisher<>("Purger of " + config.region(), producer,
                next -> EventSerdes.regionPosition().serialize(topic, next), topic,
                CachePurger.POSITION_KEY_PREFIX + config.region(), config.limits().positionInterval(),
                metrics::positionPublished);
    }

    /** How the purger's loop runs: a revoke does not wait for purges in flight; they are read again. */
    static LoopOptions options(PurgerConfig config) {
        return new LoopOptions("Purger of " + config.region(), config.topics().purge(config.region()), POLL,
                config.limits().commitInterval(), Duration.ZERO, config.limits().closeTimeout(),
                LoopOptions.Mode.GROUP);
    }

    @Override
    public SourcePosition accept(ConsumerRecord<String, byte[]> record) {
        Instant now = clock.instant();
        accepted = true;
        Origin origin = new Origin(new TopicPartition(record.topic(), record.partition()), record.offset(),
                record.key(), record.value());
        PurgeRecord value;
        try {
            value = FastJson.readPurgeRecord(record.topic(), record.value());
        } catch (SerializationException e) {
            metrics.record("unreadable");
            log.warn("Unreadable record {}-{}@{} goes to the dead-letter topic: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            deadLetters.send(origin, "unreadable purge record: " + e.getMessage(), 1, now);
            return null;
        }
        if (value == null) {
            loop.complete(record.partition(), record.offset());
            return null;
        }
        if (value instanceof Watermark) {
            metrics.record("watermark");
            loop.complete(record.partition(), record.offset());
        } else if (value instanceof PurgeRequest request) {
            metrics.record("purge");
            if (lanes.offer(request, origin, now) == KeyLanes.Offer.COALESCED) {
                metrics.coalesced();
            }
        }
        return value.source();
    }

    @Override
    public void passed(int partition, SourcePosition source) {
        advanced.computeIfAbsent(partition, p -> new HashMap<>())
                .merge(source.topic(), source, (a, b) -> b.offset() > a.offset() ? b : a);
        position.advance(source);
    }

    @Override
    public String metadata(int partition) {
        return CommitMetadata.encode(advanced.getOrDefault(partition, Map.of()));
    }

    @Override
    public void round(long nowMs) {
        if (accepted) {
            accepted = false;
            dispatcher.pump();
        }
        position.refresh(epoch.getAsLong(), clock.instant());
        publish(nowMs, false);
    }

    /** A changed position to publish once its interval has passed. */
    @Override
    public long nextDutyMs(long nowMs) {
        return position.version() > 0 ? publisher.nextPublishMs(position.version()) : Long.MAX_VALUE;
    }

    /** Every partition pauses while a target's breaker is open or {@code max_pending_records} are pending. */
    @Override
    public boolean holdAll(int pending) {
        boolean breakers = targets.current().holdsBack();
        boolean full = pending >= config.limits().maxPendingRecords();
        if (breakers || full) {
            if (!paused) {
                log.debug("Pausing the partitions of {}: {}; lag grows until it clears, nothing is dropped",
                        config.topics().purge(config.region()), breakers
                                ? "a target's circuit breaker is open " + targets.current().breakers()
                                : pending + " records pending (max_pending_records)");
                if (full) {
                    metrics.limitHit("max_pending_records");
                }
                paused = true;
            }
            return true;
        }
        if (paused) {
            log.debug("Resuming the partitions of {}", config.topics().purge(config.region()));
            paused = false;
        }
        return false;
    }

    @Override
    public boolean busy(Collection<Integer> partitions) {
        return dispatcher.inFlight() > 0;
    }

    @Override
    public void assigned(Map<Integer, String> committed, int topicPartitions) {
        committed.forEach((partition, metadata) -> {
            Map<String, SourcePosition> positions = CommitMetadata.decode(metadata, partition);
            positions.values().forEach(position::advance);
            advanced.put(partition, positions);
        });
        position.refresh(epoch.getAsLong(), clock.instant());
    }

    @Override
    public void forget(Collection<Integer> partitions) {
        partitions.forEach(advanced::remove);
    }

    /** After the last commit: says what is left unfinished, publishes the position and flushes. */
    @Override
    public void closing() {
        position.refresh(epoch.getAsLong(), clock.instant());
        if (dispatcher.inFlight() > 0 || lanes.queued() > 0) {
            log.warn("Closing the purger of {} with {} purge(s) in flight and {} waiting: they are not committed and "
                    + "will be read again", config.region(), dispatcher.inFlight(), lanes.queued());
        }
        publish(clock.millis(), true);
        producer.flush();
    }

    private void publish(long nowMs, boolean force) {
        if (position.version() > 0) { // nothing purged yet: nothing to publish
            publisher.publish(position.version(), position::last, nowMs, force);
        }
    }
}
