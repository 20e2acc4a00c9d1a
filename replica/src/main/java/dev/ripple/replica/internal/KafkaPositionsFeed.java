package dev.ripple.replica.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.PositionsFeed;
import dev.ripple.replica.RegionPositions;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopOptions;
import dev.ripple.runtime.consume.LoopStep;
import dev.ripple.runtime.consume.LoopThread;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PositionsFeed} on a {@link ConsumeLoop} that follows every partition, with no group. */
public final class KafkaPositionsFeed implements PositionsFeed {
    private static final Logger log = LoggerFactory.getLogger(KafkaPositionsFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumeLoop<byte[], Void> loop;
    private final String topic;
    private final RegionPositions target;
    private final AtomicLong received = new AtomicLong();
    private volatile LoopThread thread;
    private volatile boolean stopping;

    private KafkaPositionsFeed(KafkaConsumer<String, byte[]> consumer, String topic, RegionPositions target) {
        this.consumer = consumer;
        this.loop = ConsumeLoop.create(consumer, LoopOptions.follow("Positions feed", topic, POLL),
                Clock.systemUTC());
        this.topic = topic;
        this.target = target;
    }

    public static KafkaPositionsFeed start(String bootstrapServers, TopicNames topics, Map<String, String> overrides,
            RegionPositions target) {
        KafkaSettings kafka = KafkaSettings.of(bootstrapServers, overrides,
                ConsumerGroups.of(topics).of("positions-feed"));
        KafkaPositionsFeed feed = new KafkaPositionsFeed(KafkaClients.consumer(kafka, null, null, Map.of(),
                new StringDeserializer(), new ByteArrayDeserializer()), topics.positions(), target);
        feed.thread = LoopThread.start("ripple-positions-feed", Map.of(), true, feed.loop, feed.new Offers(),
                feed::failed, List.of(feed.consumer));
        return feed;
    }

    private void failed(Throwable e) {
        log.error("Following {} failed; positions of other regions are no longer updated here: {}", topic,
                e.toString(), e);
    }

    @Override
    public State state() {
        return thread.isAlive() ? State.RUNNING : stopping ? State.STOPPED : State.FAILED;
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public void close() {
        stopping = true;
        thread.stop(Duration.ofSeconds(10));
    }

    /** Offers each position read, at once; nothing is committed (no group). */
    private final class Offers implements LoopStep<byte[], Void> {
        @Override
        public Void accept(ConsumerRecord<String, byte[]> record) {
            loop.complete(record.partition(), record.offset());
            if (dev.ripple.events.RegionPosition.isPurgePosition(record.key())) {
                return null; // a cache purger's position: not what the region has applied
            }
            if (record.value() == null) {
                return null;
            }
            try {
                target.offer(EventSerdes.regionPosition().deserialize(topic, record.value()));
                received.incrementAndGet();
            } catch (SerializationException | IllegalArgumentException e) {
                log.warn("Skipping an unreadable position at {}-{}@{}: {}", topic, record.partition(), record.offset(),
                        e.getMessage());
            }
            return null;
        }

        /** Nothing but records to act on. */
        @Override
        public long nextDutyMs(long nowMs) {
            return Long.MAX_VALUE;
        }
    }
}
